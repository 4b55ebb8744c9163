#!/usr/bin/env bash
# Benchmark (not a test) of the nightly batch: aggregate one day of 1,000,000 generated orders (plus 100,000 on
# each neighbouring day) with batch-job, against the same two SQL files (the day's lock, the one-statement
# aggregation) run directly by psql in the same run.
# The job runs as production runs it: the orchestration module's default batch_command (its JVM options and its
# AppCDS archive, written first by cds-archive.sh with this machine's java), with /opt/cost-guard/batch-job/
# mapped to batch-job/target/quarkus-app/.
# A third contender, the baseline of the whole job: a bare java main (PlainJdbcBaseline) running the same SQL over
# plain JDBC with the job's JVM options. Rounds rotate which of the three goes first (none always gets the warmer
# cache). Prints per round the wall and CPU seconds (user + system of the process; the database's own work is in the
# server, not counted) of each, the job's aggregate stage (its transaction) against psql (target <= 1.2), the whole
# job against the plain JDBC main (target <= 2.5), and the job's uptime at its first statement (target <= 1.5 s) and
# at its stage's start; then the medians against the targets. Needs psql (Debian: postgresql-client). SKIP_BUILD=1
# reuses the jar. Knobs: BENCH_ORDERS (default 1000000), BENCH_ROUNDS (default 5).
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v psql >/dev/null || { echo "batch-bench.sh: psql is needed for the baseline (apt-get install postgresql-client)" >&2; exit 1; }
work=batch-job/target/bench
mkdir -p "$work"
day=2026-11-30
orders=${BENCH_ORDERS:-1000000}
rounds=${BENCH_ROUNDS:-5}

if [ "${SKIP_BUILD:-0}" != "1" ]; then
  ${MVN:-mvn -B} -q -DskipTests package -pl batch-job -am
fi
app_dir=$PWD/batch-job/target/quarkus-app
# The documented production command, word for word from the module's default (the day is appended).
command=$(sed -n '/^variable "batch_command"/,/^}/s/^ *default *= *\[\(.*\)\]$/\1/p' terraform/modules/orchestration/variables.tf |
  tr -d '"' | tr ',' ' ')
[ -n "$command" ] || { echo "batch-bench.sh: no default batch_command in terraform/modules/orchestration/variables.tf" >&2; exit 1; }
read -r -a job_command <<<"${command//\/opt\/cost-guard\/batch-job/$app_dir}"
echo "job command: ${job_command[*]} <day>"
bash batch-job/target/quarkus-app/cds-archive.sh "${job_command[@]}"
classpath="batch-job/target/test-classes:batch-job/target/classes:$(cat batch-job/target/test.classpath)"

rm -f "$work/db.in"
mkfifo "$work/db.in"
java -cp "$classpath" dev.costguard.batch.LocalPostgres serve "$work/postgres" "$day" "$orders" \
  <"$work/db.in" >"$work/db.out" 2>"$work/db.log" &
db_pid=$!
exec 8>"$work/db.in"
trap 'exec 8>&-; wait $db_pid 2>/dev/null || true; rm -f "$work/db.in"' EXIT
for _ in $(seq 1 3000); do
  grep -q '^port=' "$work/db.out" 2>/dev/null && break
  kill -0 "$db_pid" 2>/dev/null || { cat "$work/db.log" >&2; exit 1; }
  sleep 0.1
done
port=$(sed -n 's/^port=//p' "$work/db.out")
export DB_HOST=localhost DB_PORT=$port DB_NAME=postgres DB_USER=postgres DB_PASSWORD=bench BATCH_TIME_ZONE=Asia/Tokyo
export PGHOST=localhost PGPORT=$port PGUSER=postgres PGDATABASE=postgres

# The job's first run creates its own schema beside the API's; it aggregates an earlier day, which has no orders.
"${job_command[@]}" 2026-11-01 >/dev/null 2>&1

# The baseline of the whole job: a bare main running the same two SQL files over plain JDBC, with the job's JVM
# options (the AppCDS archive aside: it was written for the job's class path).
jvm_options=()
for word in "${job_command[@]:1}"; do
  case "$word" in
    -jar) break ;;
    -XX:SharedArchiveFile=*) ;;
    *) jvm_options+=("$word") ;;
  esac
done
pg_jar=$(tr ':' '\n' <batch-job/target/test.classpath | grep '/postgresql-[0-9.]*\.jar$' | head -1)
jdbc_command=("${job_command[0]}" "${jvm_options[@]}" -cp "batch-job/target/classes:batch-job/target/test-classes:$pg_jar"
  dev.costguard.batch.PlainJdbcBaseline)
echo "plain JDBC command: ${jdbc_command[*]} <day> Asia/Tokyo"

reset_day() { psql -X -q -c "delete from cost_guard_batch.daily_product_sales where sales_day = date '$day'"; }
baseline() {
  # The job's own SQL files (psql :'variables'), in one transaction, as the job runs them.
  { echo "begin;"; cat batch-job/src/main/resources/sql/lock-day.sql; echo ";"
    cat batch-job/src/main/resources/sql/aggregate-day.sql; echo ";"; echo "commit;"; } |
    psql -X -q -v ON_ERROR_STOP=1 -v day="$day" -v day_start="${day}T00:00:00+09:00" -v day_end="2026-12-01T00:00:00+09:00"
}
# timed NAME ROUND CMD...: wall, user and system CPU seconds of the process (bash's time) into $work/NAME-ROUND.time.
timed() {
  local name=$1 round=$2 TIMEFORMAT='%R %U %S'
  shift 2
  { time "$@" >"$work/$name-$round.log" 2>"$work/$name-$round.stderr"; } 2>"$work/$name-$round.time" ||
    { cat "$work/$name-$round.stderr" >&2; exit 1; }
}
run_psql() { timed psql "$1" baseline; }
run_job() { timed job "$1" "${job_command[@]}" "$day"; }
run_jdbc() { timed jdbc "$1" "${jdbc_command[@]}" "$day" Asia/Tokyo; }
field() { sed -n "s/.*\"$2\":\"\{0,1\}\([0-9.]*\).*/\1/p" "$1" | tail -1; }
uptime_at() { grep "\"stage\":\"$2\",\"event\":\"$3\"" "$1" | sed -n 's/.*"uptime_ms":\([0-9]*\).*/\1/p'; }

echo "orders on the day=$orders (+$((orders / 10)) on each neighbouring day) rounds=$rounds $(nproc) cores load=$(cut -d' ' -f1-3 /proc/loadavg)"
results=$work/results.txt
: >"$results"
orders_of_rounds=("psql job jdbc" "job jdbc psql" "jdbc psql job")
for round in $(seq 1 "$rounds"); do
  order=${orders_of_rounds[$(((round - 1) % 3))]}
  for contender in $order; do
    reset_day
    "run_$contender" "$round"
  done
  log=$work/job-$round.log
  read -r jw ju js <"$work/job-$round.time"
  read -r pw pu ps <"$work/psql-$round.time"
  read -r dw du ds <"$work/jdbc-$round.time"
  stage_ms=$(field "$log" duration_ms)
  first_ms=$(uptime_at "$log" connect connected)
  started_ms=$(uptime_at "$log" aggregate started)
  echo "$jw $pw $dw $stage_ms $first_ms $ju $js" >>"$results"
  awk -v r="$round" -v o="$order" -v jw="$jw" -v ju="$ju" -v js="$js" -v pw="$pw" -v pu="$pu" -v ps="$ps" \
    -v dw="$dw" -v du="$du" -v ds="$ds" -v s="$stage_ms" -v f="$first_ms" -v a="$started_ms" \
    -v h="$(field "$log" peak_heap_mb)" -v w="$(field "$log" rows_written)" 'BEGIN {
    printf "round %d (%s): job=%.2fs (cpu %.2fs) psql=%.2fs (client cpu %.2fs) plain-jdbc=%.2fs (cpu %.2fs)" \
      " | stage=%.2fs stage/psql=%.2f | job/plain-jdbc=%.2f | first statement at %.2fs, stage start at %.2fs" \
      " | peak-heap=%sMB rows=%s\n", r, o, jw, ju + js, pw, pu + ps, dw, du + ds, s / 1e3, s / 1e3 / pw, jw / dw,
      f / 1e3, a / 1e3, h, w }'
done
median() { cut -d' ' -f"$1" "$results" | sort -n | awk '{ v[NR] = $1 } END { m = int((NR + 1) / 2); printf "%.3f\n", (NR % 2) ? v[m] : (v[m] + v[m + 1]) / 2 }'; }
awk -v jw="$(median 1)" -v pw="$(median 2)" -v dw="$(median 3)" -v s="$(median 4)" -v f="$(median 5)" \
  -v ju="$(median 6)" -v js="$(median 7)" 'BEGIN {
  s /= 1e3; f /= 1e3
  printf "median: job=%.2fs (cpu %.2fs user + %.2fs sys) psql=%.2fs plain-jdbc=%.2fs stage=%.2fs\n", jw, ju, js, pw, dw, s
  printf "target aggregate stage <= 1.2x psql: %s (%.2f)\n", s / pw <= 1.2 ? "met" : "not met", s / pw
  printf "target job <= 2.5x plain JDBC main: %s (%.2f)\n", jw / dw <= 2.5 ? "met" : "not met", jw / dw
  printf "target start-up to the first statement <= 1.5 s: %s (%.2f s)\n", f <= 1.5 ? "met" : "not met", f }'
