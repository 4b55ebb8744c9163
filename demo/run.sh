#!/usr/bin/env bash
# The Cost Guard demo: the real Lambda handlers, packaged as they ship (JVM), invoked the way the AWS Lambda Java
# runtime invokes them, against a stateful fake AWS account on 127.0.0.1 that this script starts and stops.
# No AWS account is needed. SKIP_BUILD=1 reuses the jars already built.
# With AWS_ENDPOINT_URL set (LocalStack, Floci, ...), no fake is started: SampleAccountSeeder creates the sample
# resources at that endpoint first, and the handlers run against it with the ids it created.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=demo/work
mkdir -p "$work"
rm -f "$work"/*.json "$work"/*.log "$work"/*.env

target=${AWS_ENDPOINT_URL:-}

if [ "${SKIP_BUILD:-0}" != "1" ]; then
  echo "== building (mvn package, tests skipped; 'make test' runs them)"
  mvn -B -q -DskipTests install -pl demo,shutdown-fn,recovery-fn,ecs-scheduler-fn,efs-scaler-fn,doctor -am
fi

demo_jar=$(ls demo/target/demo-*-all.jar | head -1)
console() { java -cp "$demo_jar" dev.costguard.demo.DemoConsole "$@"; }

if [ -z "$target" ]; then
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
  function_names=relay-connect,relay-disconnect,relay-default
  instance_id=i-0c0ffee5eed000001
  distribution_id=E2DEMO0CDN0001
  alert_topic=arn:aws:sns:ap-northeast-1:123456789012:cost-guard-demo-alert
  result_topic=arn:aws:sns:ap-northeast-1:123456789012:cost-guard-demo-result
  health_url="http://{privateIp}:$port/health"
  alert_event=events/budget-alert-sns.json
  ecs_services=demo-cluster/web,demo-cluster/api
else
  endpoint=$target
  # Local emulators accept any credentials; a region and keys must still be there for the SDK to sign with.
  export AWS_REGION=${AWS_REGION:-ap-northeast-1}
  export AWS_ACCESS_KEY_ID=${AWS_ACCESS_KEY_ID:-test} AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY:-test}
  seeder_classpath=demo/target/seeder.classpath
  [ -f "$seeder_classpath" ] || { echo "$seeder_classpath is missing: build once without SKIP_BUILD=1 (it lists the AWS SDK jars the seeder needs)." >&2; exit 1; }
  echo "== AWS_ENDPOINT_URL=$endpoint: creating the sample account there (region $AWS_REGION)"
  java -Dslf4j.internal.verbosity=ERROR -cp "$demo_jar:$(cat "$seeder_classpath")" dev.costguard.demo.SampleAccountSeeder > "$work/seeded.env" \
    || { echo "seeding $endpoint failed; nothing to run the demo against." >&2; exit 1; }
  # shellcheck source=/dev/null
  source "$work/seeded.env"

  # Placeholders where a service could not be seeded: the handlers still start, and the phases that need the missing
  # resource fail in their reports while every other phase runs, which is the kill switch's keep-going rule.
  function_names=${DEMO_FUNCTION_NAMES:-relay-connect,relay-disconnect,relay-default}
  instance_id=${DEMO_INSTANCE_ID:-i-00000000000000000}
  distribution_id=${DEMO_DISTRIBUTION_ID:-E000000000000}
  alert_topic=${DEMO_ALERT_TOPIC_ARN:-arn:aws:sns:$AWS_REGION:000000000000:cost-guard-demo-alert}
  result_topic=${DEMO_RESULT_TOPIC_ARN:-arn:aws:sns:$AWS_REGION:000000000000:cost-guard-demo-result}
  if [ -n "${DEMO_HEALTH_URL:-}" ]; then
    health_url=$DEMO_HEALTH_URL
  else
    health_url="http://{privateIp}:8080/health"
    echo "   recovery's health check calls $health_url (private IP ${DEMO_PRIVATE_IP:-unknown}); it fails unless something"
    echo "   answers there, and recovery then stops at health-check. Set DEMO_HEALTH_URL to point it elsewhere."
  fi
  # The guard only accepts the configured alert topic, so the sample alert must come from the topic just created.
  alert_event=$work/budget-alert-sns.json
  sed "s|arn:aws:sns:ap-northeast-1:123456789012:cost-guard-demo-alert|$alert_topic|g" events/budget-alert-sns.json > "$alert_event"
  ecs_services=${DEMO_ECS_SERVICES:-}
fi
export COSTGUARD_AWS_ENDPOINT_URL=$endpoint

# The account summary comes from the fake's own /_demo/state; another endpoint has none, so its reports tell the story.
state() {
  if [ -z "$target" ]; then
    console state "$endpoint" "$1"
  else
    echo "  ($1: no account summary at $endpoint; the report lists what each phase found and did)"
  fi
}

# The kill switch and recovery share these, as the Terraform module sets them.
kill_switch_env=(
  COSTGUARD_FUNCTION_NAMES="$function_names"
  COSTGUARD_INSTANCE_ID="$instance_id"
  COSTGUARD_DISTRIBUTION_ID="$distribution_id"
  COSTGUARD_ALERT_TOPIC_ARN="$alert_topic"
  COSTGUARD_RESULT_TOPIC_ARN="$result_topic"
  COSTGUARD_SNAPSHOT_PARAMETER=/cost-guard/demo/kill-switch-snapshot
  COSTGUARD_PARKED_PARAMETER=/cost-guard/demo/parked
  COSTGUARD_ECS_SERVICES="$ecs_services"
  COSTGUARD_DRAIN_SECONDS=0
  COSTGUARD_HEALTH_URL="$health_url"
  COSTGUARD_HEALTH_INTERVAL_SECONDS=1
  COSTGUARD_START_TIMEOUT_SECONDS=30
)

invoke() { # function-module function-name event-file out-file [env...]
  local module=$1 name=$2 event=$3 out=$4
  shift 4
  env "$@" java -cp "$(ls "$module"/target/*-runner.jar):demo/target/classes" dev.costguard.demo.LambdaInvoker \
    "$name" "$event" "$out" > "$work/$name.log" 2>&1 || { echo "invocation of $name failed:" >&2; cat "$work/$name.log" >&2; exit 1; }
}

ecs_state() { # label: the services' sizes, from the fake only
  if [ -z "$target" ] && [ -n "$ecs_services" ]; then
    console ecs "$endpoint" "$1"
  fi
}

# The scheduler knows the kill switch's parked marker, as the Terraform composition wires it.
ecs_env=(
  COSTGUARD_SERVICES="$ecs_services"
  COSTGUARD_SNAPSHOT_PARAMETER=/cost-guard/demo/ecs-scheduler-snapshot
  COSTGUARD_RESULT_TOPIC_ARN="$result_topic"
  COSTGUARD_TIME_ZONE=Asia/Tokyo
  COSTGUARD_PARKED_PARAMETER=/cost-guard/demo/parked
)
scheduler_built=
if [ -n "$ecs_services" ] && ls ecs-scheduler-fn/target/*-runner.jar > /dev/null 2>&1; then
  scheduler_built=1
fi

echo
echo "== 1. the budget alert fires the kill switch ($alert_event through AWS Budgets -> SNS): the whole estate parks"
state "before"
ecs_state "ECS before"
invoke shutdown-fn cost-guard-shutdown "$alert_event" "$work/shutdown-report.json" "${kill_switch_env[@]}"
console report "$work/shutdown-report.json"
state "after shutdown"
ecs_state "ECS parked"

if [ -n "$scheduler_built" ]; then
  echo
  echo "== 1b. while parked, the business-hours scheduler's 09:00 start wakes nothing (events/ecs-start-schedule.json)"
  invoke ecs-scheduler-fn cost-guard-ecs-scheduler events/ecs-start-schedule.json "$work/ecs-parked-start-report.json" "${ecs_env[@]}"
  console report "$work/ecs-parked-start-report.json"
  ecs_state "ECS still parked"
fi

echo
echo "== 2. the scheduled recovery brings the estate back, ECS services last, then lifts the parked marker (events/recovery-schedule.json)"
invoke recovery-fn cost-guard-recovery events/recovery-schedule.json "$work/recovery-report.json" "${kill_switch_env[@]}"
console report "$work/recovery-report.json"
state "after recovery"
ecs_state "ECS after"

if [ -z "$ecs_services" ]; then
  echo
  echo "== 3. skipped: the ECS cluster could not be created at $endpoint"
elif [ -n "$scheduler_built" ]; then
  echo
  echo "== 3. the business-hours scheduler: 22:00 JST stop, then 09:00 JST start (events/ecs-*.json)"
  ecs_state "before"
  invoke ecs-scheduler-fn cost-guard-ecs-scheduler events/ecs-stop.json "$work/ecs-stop-report.json" "${ecs_env[@]}"
  console report "$work/ecs-stop-report.json"
  ecs_state "after stop"
  invoke ecs-scheduler-fn cost-guard-ecs-scheduler events/ecs-start-schedule.json "$work/ecs-start-report.json" "${ecs_env[@]}"
  console report "$work/ecs-start-report.json"
  ecs_state "after start"
fi

if [ -z "$target" ] && ls efs-scaler-fn/target/*-runner.jar > /dev/null 2>&1; then
  # The fake's sample: file system fs-0ef5000000000000a with mount targets in two of the three zones of its VPC.
  efs_dir=$work/efs/uploads
  rm -rf "$work/efs" "$work/mnt"
  mkdir -p "$efs_dir" "$work/mnt"
  for i in $(seq 1 1200); do : > "$efs_dir/upload-$i.bin"; done
  efs_parameter=/cost-guard/demo/efs-mount-targets
  # What a consumer starts with while SSM has no list: the two initial targets.
  cat > "$work/efs-default-list.json" <<'JSON'
{"schemaVersion":1,"fileSystemId":"fs-0ef5000000000000a","mountTargets":[
 {"mountTargetId":"fsmt-0ef500000000000a0","availabilityZone":"eu-west-1a","subnetId":"subnet-0ef500000000000a0","ipAddress":"10.20.1.10","lifeCycleState":"available"},
 {"mountTargetId":"fsmt-0ef500000000000b0","availabilityZone":"eu-west-1b","subnetId":"subnet-0ef500000000000b0","ipAddress":"10.20.2.10","lifeCycleState":"available"}]}
JSON
  efs_paths=(reports/2026/11/sales.csv uploads/img-0001.png uploads/img-0002.png logs/app.log cache/user-42.json)
  router() { java -cp "$demo_jar" dev.costguard.demo.RouterConsole "$endpoint" "$efs_parameter" \
    "$work/efs-default-list.json" "$root/$work/mnt/efs" "${efs_paths[@]}"; }
  efs_env=(
    COSTGUARD_TARGET_DIRECTORY="$root/$efs_dir"
    COSTGUARD_FILE_COUNT_THRESHOLD=1000
    COSTGUARD_FILE_SYSTEM_ID=fs-0ef5000000000000a
    COSTGUARD_VPC_ID=vpc-0ef5000000000000a
    COSTGUARD_SECURITY_GROUP_IDS=sg-0ef5000000000000a
    COSTGUARD_MOUNT_TARGET_PARAMETER="$efs_parameter"
    COSTGUARD_ECS_CLUSTER=demo-cluster
    COSTGUARD_ECS_SERVICE=web
    COSTGUARD_POLL_INTERVAL_SECONDS=1
    COSTGUARD_RESULT_TOPIC_ARN="$result_topic"
  )
  echo
  echo "== 4. the EFS scaler: 1200 files > threshold 1000, mount targets in 2 of 3 zones (events/efs-scaler-schedule.json)"
  echo "  before: the consumer's router"
  router
  invoke efs-scaler-fn cost-guard-efs-scaler events/efs-scaler-schedule.json "$work/efs-scaler-report.json" "${efs_env[@]}"
  console report "$work/efs-scaler-report.json"
  echo "  after: the redeployed consumer's router (paths that moved went to the new mount point only)"
  router
fi

if [ -z "$target" ]; then
  echo
  echo "== 5. make doctor and make smoke against the same fake account (README, Deploy)"
  SKIP_BUILD=1 bash demo/doctor-demo.sh "$endpoint"
fi

echo
if [ -z "$target" ]; then
  echo "== done: reports in $work/*-report.json, the fake account's call log in $work/fake-account.log"
else
  echo "== done: reports in $work/*-report.json; what was seeded at $endpoint is in $work/seeded.env"
fi
bash demo/batch-demo.sh
