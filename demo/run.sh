#!/usr/bin/env bash
# The Cost Guard demo: the real Lambda handlers, packaged as they ship (JVM), invoked the way the AWS Lambda Java
# runtime invokes them, against a stateful fake AWS account on 127.0.0.1 that this script starts and stops.
# No AWS account is needed. SKIP_BUILD=1 reuses the jars already built.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=demo/work
mkdir -p "$work"
rm -f "$work"/*.json "$work"/*.log

if [ -n "${AWS_ENDPOINT_URL:-}" ]; then
  echo "AWS_ENDPOINT_URL is set ($AWS_ENDPOINT_URL): this demo plays its own fake account only; unset it to run the demo." >&2
  echo "To run the handlers against another endpoint, see README.md, 'Running against LocalStack or another endpoint'." >&2
  exit 2
fi

if [ "${SKIP_BUILD:-0}" != "1" ]; then
  echo "== building (mvn package, tests skipped; 'make test' runs them)"
  mvn -B -q -DskipTests install -pl demo,shutdown-fn,recovery-fn,ecs-scheduler-fn -am
fi

demo_jar=$(ls demo/target/demo-*-all.jar | head -1)
java -jar "$demo_jar" --port 0 > "$work/fake-account.log" 2>&1 &
fake_pid=$!
trap 'kill $fake_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  grep -q '^listening on ' "$work/fake-account.log" 2>/dev/null && break
  sleep 0.1
done
endpoint=$(head -1 "$work/fake-account.log" | sed 's/^listening on //')
[ -n "$endpoint" ] || { echo "the fake account did not start:" >&2; cat "$work/fake-account.log" >&2; exit 1; }
port=${endpoint##*:}
echo "== fake AWS account listening on $endpoint (every call it receives is in $work/fake-account.log)"

export AWS_REGION=ap-northeast-1 AWS_ACCESS_KEY_ID=demo AWS_SECRET_ACCESS_KEY=demo
export COSTGUARD_AWS_ENDPOINT_URL=$endpoint
console() { java -cp "$demo_jar" dev.costguard.demo.DemoConsole "$@"; }

# The kill switch and recovery share these, as the Terraform module sets them.
kill_switch_env=(
  COSTGUARD_FUNCTION_NAMES=relay-connect,relay-disconnect,relay-default
  COSTGUARD_INSTANCE_ID=i-0c0ffee5eed000001
  COSTGUARD_DISTRIBUTION_ID=E2DEMO0CDN0001
  COSTGUARD_ALERT_TOPIC_ARN=arn:aws:sns:ap-northeast-1:123456789012:cost-guard-demo-alert
  COSTGUARD_RESULT_TOPIC_ARN=arn:aws:sns:ap-northeast-1:123456789012:cost-guard-demo-result
  COSTGUARD_SNAPSHOT_PARAMETER=/cost-guard/demo/kill-switch-snapshot
  COSTGUARD_DRAIN_SECONDS=0
  COSTGUARD_HEALTH_URL="http://{privateIp}:$port/health"
  COSTGUARD_HEALTH_INTERVAL_SECONDS=1
  COSTGUARD_START_TIMEOUT_SECONDS=30
)

invoke() { # function-module function-name event-file out-file [env...]
  local module=$1 name=$2 event=$3 out=$4
  shift 4
  env "$@" java -cp "$(ls "$module"/target/*-runner.jar):demo/target/classes" dev.costguard.demo.LambdaInvoker \
    "$name" "$event" "$out" > "$work/$name.log" 2>&1 || { echo "invocation of $name failed:" >&2; cat "$work/$name.log" >&2; exit 1; }
}

echo
echo "== 1. the budget alert fires the kill switch (events/budget-alert-sns.json through AWS Budgets -> SNS)"
console state "$endpoint" "before"
invoke shutdown-fn cost-guard-shutdown events/budget-alert-sns.json "$work/shutdown-report.json" "${kill_switch_env[@]}"
console report "$work/shutdown-report.json"
console state "$endpoint" "after shutdown"

echo
echo "== 2. the scheduled recovery brings the account back (events/recovery-schedule.json, EventBridge Scheduler)"
invoke recovery-fn cost-guard-recovery events/recovery-schedule.json "$work/recovery-report.json" "${kill_switch_env[@]}"
console report "$work/recovery-report.json"
console state "$endpoint" "after recovery"

if ls ecs-scheduler-fn/target/*-runner.jar > /dev/null 2>&1; then
  ecs_env=(
    COSTGUARD_SERVICES=demo-cluster/web,demo-cluster/api
    COSTGUARD_SNAPSHOT_PARAMETER=/cost-guard/demo/ecs-scheduler-snapshot
    COSTGUARD_RESULT_TOPIC_ARN=arn:aws:sns:ap-northeast-1:123456789012:cost-guard-demo-result
    COSTGUARD_TIME_ZONE=Asia/Tokyo
  )
  echo
  echo "== 3. the business-hours scheduler: 22:00 JST stop, then 09:00 JST start (events/ecs-*.json)"
  console ecs "$endpoint" "before"
  invoke ecs-scheduler-fn cost-guard-ecs-scheduler events/ecs-stop.json "$work/ecs-stop-report.json" "${ecs_env[@]}"
  console report "$work/ecs-stop-report.json"
  console ecs "$endpoint" "after stop"
  invoke ecs-scheduler-fn cost-guard-ecs-scheduler events/ecs-start-schedule.json "$work/ecs-start-report.json" "${ecs_env[@]}"
  console report "$work/ecs-start-report.json"
  console ecs "$endpoint" "after start"
fi

echo
echo "== done: reports in $work/*-report.json, the fake account's call log in $work/fake-account.log"
