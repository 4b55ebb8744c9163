#!/usr/bin/env bash
# Benchmark (not a test) of the nightly batch: aggregate one day of 1,000,000 generated orders (plus 100,000 on
# each neighbouring day) with batch-job, against the same two SQL files run directly by psql in the same run.
# Prints each round's wall times, the ratio job/psql (target <= 1.5), the same for the job's aggregate stage alone
# (its transaction, without JVM start-up and migration check) and the job's peak heap (the sum of the heap
# pools' peaks, from its finish line). Needs psql (Debian: postgresql-client). SKIP_BUILD=1 reuses the jar.
# Knobs: BENCH_ORDERS (default 1000000), BENCH_ROUNDS (default 3).
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
jar=batch-job/target/quarkus-app/quarkus-run.jar
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

# The job's first run migrates the schema; it aggregates an earlier day, which has no orders.
java -jar "$jar" 2026-11-01 >/dev/null 2>&1

now() { date +%s%N; }
reset_day() { psql -X -q -c "delete from daily_product_sales where sales_day = date '$day'"; }
baseline() {
  # The job's own SQL files (psql :'variables'), in one transaction, as the job runs them.
  { echo "begin;"; cat batch-job/src/main/resources/sql/delete-stale-summary.sql; echo ";"
    cat batch-job/src/main/resources/sql/upsert-summary.sql; echo ";"; echo "commit;"; } |
    psql -X -q -v ON_ERROR_STOP=1 -v day="$day" -v day_start="${day}T00:00:00+09:00" -v day_end="2026-12-01T00:00:00+09:00"
}

echo "orders on the day=$orders (+$((orders / 10)) on each neighbouring day) rounds=$rounds $(nproc) cores"
for round in $(seq 1 "$rounds"); do
  reset_day
  start=$(now); baseline; psql_ns=$(($(now) - start))
  reset_day
  start=$(now); java -jar "$jar" "$day" >"$work/job-$round.log" 2>"$work/job-$round.stderr"; job_ns=$(($(now) - start))
  heap=$(sed -n 's/.*"peak_heap_mb":\([0-9]*\).*/\1/p' "$work/job-$round.log")
  rows=$(sed -n 's/.*"rows_written":\([0-9]*\).*/\1/p' "$work/job-$round.log")
  stage_ms=$(sed -n 's/.*"duration_ms":\([0-9]*\).*/\1/p' "$work/job-$round.log")
  awk -v r="$round" -v j="$job_ns" -v p="$psql_ns" -v s="$stage_ms" -v h="$heap" -v w="$rows" 'BEGIN {
    printf "round %d: job=%.2fs psql=%.2fs job/psql=%.2f aggregate-stage=%.2fs stage/psql=%.2f peak-heap=%sMB rows=%s\n",
      r, j / 1e9, p / 1e9, j / p, s / 1e3, s * 1e6 / p, h, w }'
done
