#!/usr/bin/env bash
# Benchmark (not a test) of the nightly batch: aggregate one day of 1,000,000 generated orders (plus 100,000 on
# each neighbouring day) with batch-job, against the same two SQL files (the day's lock, the one-statement
# aggregation) run directly by psql in the same run.
# The job runs as production runs it: the orchestration module's default batch_command (its JVM options and its
# AppCDS archive, written first by cds-archive.sh with this machine's java), with /opt/cost-guard/batch-job/
# mapped to batch-job/target/quarkus-app/. Rounds alternate which of the two goes first (neither gets a warmer cache).
# Prints each round's wall times, the ratio job/psql (target <= 1.5), the same for the job's aggregate stage alone
# (its transaction, without JVM start-up and migration check), the job's fixed overhead (wall minus its stage: JVM
# and Quarkus start, connect, source check, migrate check, exit), its peak heap (the sum of the heap pools' peaks, from its finish
# line), and from the medians the order count at which job/psql would reach 1.5. Needs psql (Debian:
# postgresql-client). SKIP_BUILD=1 reuses the jar. Knobs: BENCH_ORDERS (default 1000000), BENCH_ROUNDS (default 3).
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v psql >/dev/null || { echo "batch-bench.sh: psql is needed for the baseline (apt-get install postgresql-client)" >&2; exit 1; }
work=batch-job/target/bench
mkdir -p "$work"
day=2026-11-30
orders=${BENCH_ORDERS:-1000000}
rounds=${BENCH_ROUNDS:-3}

if [ "${SKIP_BUILD:-0}" != "1" ]; then
  mvn -B -q -DskipTests package -pl batch-job -am
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

now() { date +%s%N; }
reset_day() { psql -X -q -c "delete from cost_guard_batch.daily_product_sales where sales_day = date '$day'"; }
baseline() {
  # The job's own SQL files (psql :'variables'), in one transaction, as the job runs them.
  { echo "begin;"; cat batch-job/src/main/resources/sql/lock-day.sql; echo ";"
    cat batch-job/src/main/resources/sql/aggregate-day.sql; echo ";"; echo "commit;"; } |
    psql -X -q -v ON_ERROR_STOP=1 -v day="$day" -v day_start="${day}T00:00:00+09:00" -v day_end="2026-12-01T00:00:00+09:00"
}

run_psql() { local start; start=$(now); baseline; psql_ns=$(($(now) - start)); }
run_job() {
  local start; start=$(now)
  "${job_command[@]}" "$day" >"$work/job-$1.log" 2>"$work/job-$1.stderr" || { cat "$work/job-$1.stderr" >&2; exit 1; }
  job_ns=$(($(now) - start))
}
field() { sed -n "s/.*\"$2\":\"\{0,1\}\([0-9.]*\).*/\1/p" "$1" | tail -1; }

echo "orders on the day=$orders (+$((orders / 10)) on each neighbouring day) rounds=$rounds $(nproc) cores load=$(cut -d' ' -f1-3 /proc/loadavg)"
results=$work/results.txt
: >"$results"
for round in $(seq 1 "$rounds"); do
  reset_day
  if [ $((round % 2)) -eq 1 ]; then run_psql; reset_day; run_job "$round"; else run_job "$round"; reset_day; run_psql; fi
  log=$work/job-$round.log
  heap=$(field "$log" peak_heap_mb)
  rows=$(field "$log" rows_written)
  stage_ms=$(field "$log" duration_ms)
  started_ms=$(grep '"stage":"aggregate","event":"started"' "$log" | sed -n 's/.*"uptime_ms":\([0-9]*\).*/\1/p')
  echo "$job_ns $psql_ns $stage_ms" >>"$results"
  awk -v r="$round" -v j="$job_ns" -v p="$psql_ns" -v s="$stage_ms" -v h="$heap" -v w="$rows" -v u="$started_ms" \
    -v first="$([ $((round % 2)) -eq 1 ] && echo psql || echo job)" 'BEGIN {
    printf "round %d (%s first): job=%.2fs psql=%.2fs job/psql=%.2f aggregate-stage=%.2fs stage/psql=%.2f" \
      " fixed-overhead=%.2fs (to stage start %.2fs) peak-heap=%sMB rows=%s\n",
      r, first, j / 1e9, p / 1e9, j / p, s / 1e3, s * 1e6 / p, j / 1e9 - s / 1e3, u / 1e3, h, w }'
done
# Medians over the rounds; with psql's time and the stage proportional to the orders and the job's overhead fixed,
# job/psql = (F + stage) / psql falls as the day grows and crosses 1.5 at F / (1.5 psql/N - stage/N) orders.
median() { cut -d' ' -f"$1" "$results" | sort -n | awk '{ v[NR] = $1 } END { m = int((NR + 1) / 2); printf "%.0f\n", (NR % 2) ? v[m] : (v[m] + v[m + 1]) / 2 }'; }
awk -v n="$orders" -v j="$(median 1)" -v p="$(median 2)" -v s="$(median 3)" 'BEGIN {
  jm = j / 1e9; pm = p / 1e9; sm = s / 1e3; f = jm - sm
  printf "median: job=%.2fs psql=%.2fs job/psql=%.2f stage/psql=%.2f fixed-overhead=%.2fs\n", jm, pm, jm / pm, sm / pm, f
  if (jm / pm <= 1.5) printf "target job/psql <= 1.5: met (%.2f)\n", jm / pm
  else if (1.5 * pm > sm) printf "target job/psql <= 1.5: not met (%.2f); at this stage/psql it would be met from about %.1f million orders\n", jm / pm, f / (1.5 * pm - sm) * n / 1e6
  else printf "target job/psql <= 1.5: not met (%.2f); the stage alone is over 1.5x psql, so no order count meets it\n", jm / pm }'
