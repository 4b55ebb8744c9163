#!/usr/bin/env bash
# The nightly batch (batch-job) on a local embedded PostgreSQL that holds the API's tables (created as the API would)
# and generated orders: the job run twice for the same day (the second run must change nothing), then the day's
# summary. No Docker, no AWS. SKIP_BUILD=1 reuses the jar.
set -euo pipefail
cd "$(dirname "$0")/.."
work=demo/work/batch
mkdir -p "$work"
day=${BATCH_DEMO_DAY:-2026-11-30}
orders=${BATCH_DEMO_ORDERS:-20000}

if [ "${SKIP_BUILD:-0}" != "1" ]; then
  echo "== building batch-job (mvn package, tests skipped)"
  mvn -B -q -DskipTests package -pl batch-job -am
fi
jar=batch-job/target/quarkus-app/quarkus-run.jar
classpath="batch-job/target/test-classes:batch-job/target/classes:$(cat batch-job/target/test.classpath)"

# LocalPostgres serves until its stdin closes: a fifo held open by this script, closed on exit.
rm -f "$work/db.in"
mkfifo "$work/db.in"
java -cp "$classpath" dev.costguard.batch.LocalPostgres serve "$work/postgres" "$day" "$orders" \
  <"$work/db.in" >"$work/db.out" 2>"$work/db.log" &
db_pid=$!
exec 8>"$work/db.in"
trap 'exec 8>&-; wait $db_pid 2>/dev/null || true; rm -f "$work/db.in"' EXIT
for _ in $(seq 1 600); do
  grep -q '^port=' "$work/db.out" 2>/dev/null && break
  kill -0 "$db_pid" 2>/dev/null || { echo "the embedded PostgreSQL did not start:" >&2; cat "$work/db.log" >&2; exit 1; }
  sleep 0.1
done
port=$(sed -n 's/^port=//p' "$work/db.out")
[ -n "$port" ] || { echo "the embedded PostgreSQL did not report its port" >&2; exit 1; }
echo "== embedded PostgreSQL on localhost:$port with $orders orders on $day (Asia/Tokyo) and a few on the days around it"

export DB_HOST=localhost DB_PORT=$port DB_NAME=postgres DB_USER=postgres DB_PASSWORD=demo BATCH_TIME_ZONE=Asia/Tokyo
run_job() {
  echo "\$ java -jar $jar $day"
  java -jar "$jar" "$day" 2>"$work/job-$1.stderr" | tee "$work/job-$1.log" | sed 's/^/   /'
}
echo
echo "== 1. first run: checks the API's sales_order, creates its own schema (cost_guard_batch) beside it, writes the summary"
run_job 1
echo
echo "== 2. the same day again (what a Step Functions retry does): rows_written 0, rows_deleted 0"
run_job 2
echo
echo "== the summary of $day"
java -cp "$classpath" dev.costguard.batch.LocalPostgres summary "$port" "$day"
