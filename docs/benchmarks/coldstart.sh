#!/usr/bin/env bash
# Cold-start benchmark (not a test): each function's packaged JVM artifact (target/function.zip), unzipped as Lambda
# unzips it into the task root and started as a fresh process the way Lambda's managed Java runtime starts it: AWS's
# runtime interface client (com.amazonaws:aws-lambda-java-runtime-interface-client) loads
# QuarkusStreamHandler::handleRequest from the task root and polls AWS_LAMBDA_RUNTIME_API, here a minimal local
# Lambda Runtime API (coldstart-driver.mjs). The AWS calls go to the demo's fake AWS account, started once here.
# Quarkus's own poll loop is only built into native images, so the JVM artifacts need AWS's client, as on Lambda.
# An empty Quarkus Lambda built with the same BOM and plugins (benchmarks/empty-lambda) is the baseline, measured in
# the same run, round by round between the functions.
#
# Per function it prints process start to ready (first /next), start to the first response of its dry-run event
# (events/), the warm time of the same event, first-response / (empty first-response + warm) as the ratio
# (target <= 1.3), the zip size and VmRSS right after the first response; in CPU time of the process, the same
# figures plus CPU to ready and the first invocation's CPU after it.
#
#   make bench-coldstart                      # build, then measure
#   SKIP_BUILD=1 ROUNDS=7 bash docs/benchmarks/coldstart.sh
#
# Knobs: ROUNDS (5), WARM (3 warm invocations per process, median), JAVA_OPTS (the same for every process),
# MVN (mvn -B), SKIP_BUILD=1, ONLY (comma-separated function names to measure; the baseline always runs),
# STOP_SIGNAL (SIGKILL; SIGTERM to let a JFR recording in JAVA_OPTS be written on exit).
# SNAPSTART=1 adds <fn>+snapstart for the SnapStart functions, started on the runtime client's SnapStart path (their
# priming hooks run before ready), so their CPU after ready estimates what a restored snapshot's first invocation costs. Needs Java 17+, Maven, Node 18+. Output is also kept in target/coldstart/.
set -euo pipefail
cd "$(dirname "$0")/../.."

rounds=${ROUNDS:-5}
warm=${WARM:-3}
java_opts=${JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1}
work=target/coldstart
mkdir -p "$work"
rm -f "$work"/*.log "$work"/*.json

if [ "${SKIP_BUILD:-0}" != "1" ]; then
  echo "== building the functions, the fake account and the empty baseline (package, tests skipped)"
  ${MVN:-mvn -B} -q -Pbench -DskipTests package -pl demo,shutdown-fn,recovery-fn,ecs-scheduler-fn,efs-scaler-fn,benchmarks/empty-lambda -am
fi

task_root() { # module: its function.zip unzipped, as Lambda puts it in /var/task
  local zip=$1/target/function.zip root=$work/task/${1##*/}
  [ -f "$zip" ] || { echo "no $zip: run without SKIP_BUILD=1 first" >&2; exit 1; }
  rm -rf "$root" && mkdir -p "$root" && unzip -q "$zip" -d "$root"
  echo "$(pwd)/$root"
}
runtime_classpath=$(ls "$(pwd)"/benchmarks/empty-lambda/target/lambda-java-runtime/*.jar 2>/dev/null | paste -sd: -)
[ -n "$runtime_classpath" ] || { echo "no Lambda runtime interface client in benchmarks/empty-lambda/target: build first" >&2; exit 1; }

empty_root=$(task_root benchmarks/empty-lambda)
shutdown_root=$(task_root shutdown-fn)
recovery_root=$(task_root recovery-fn)
ecs_root=$(task_root ecs-scheduler-fn)
efs_root=$(task_root efs-scaler-fn)
# The EFS scaler's directory (its EFS mount on Lambda): 1200 files against a threshold of 1000, so the dry run does
# every read a real run does (count, DescribeMountTargets, DescribeSubnets, the SSM list) and plans a mount target.
efs_dir=$(pwd)/$work/efs/uploads
rm -rf "$work/efs" && mkdir -p "$efs_dir"
for i in $(seq 1 1200); do : > "$efs_dir/upload-$i.bin"; done

demo_jar=$(ls demo/target/demo-*-all.jar | head -1)
java -jar "$demo_jar" --port 0 > "$work/fake-account.log" 2>&1 &
fake_pid=$!
trap 'kill $fake_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  grep -q '^listening on ' "$work/fake-account.log" 2>/dev/null && break
  sleep 0.1
done
endpoint=$(head -1 "$work/fake-account.log" | sed 's/^listening on //')
[ -n "$endpoint" ] || { echo "the fake account did not start:" >&2; cat "$work/fake-account.log" >&2; exit 1; }
port=${endpoint##*:}
echo '{"probe": true}' > "$work/empty-event.json"

# The demo's settings (demo/run.sh), as the Terraform modules set them; every run is a dry run, so the account
# stays as it was and every round does the same work.
JAVA_OPTS_JSON=$(printf '%s\n' $java_opts | node -e 'process.stdout.write(JSON.stringify(require("fs").readFileSync(0,"utf8").split("\n").filter(Boolean)))')
cat > "$work/config.json" <<EOF
{
  "runs": $rounds,
  "warmInvocations": $warm,
  "timeoutSeconds": 300,
  "workDir": "$work",
  "javaOptions": $JAVA_OPTS_JSON,
  "baseline": "empty-lambda",
  "only": "${ONLY:-}",
  "stopSignal": "${STOP_SIGNAL:-SIGKILL}",
  "runtimeClasspath": "$runtime_classpath",
  "environment": {
    "AWS_REGION": "ap-northeast-1",
    "AWS_ACCESS_KEY_ID": "bench",
    "AWS_SECRET_ACCESS_KEY": "bench",
    "COSTGUARD_AWS_ENDPOINT_URL": "$endpoint"
  },
  "targets": [
    {
      "name": "empty-lambda",
      "taskRoot": "$empty_root",
      "handler": "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest",
      "zip": "benchmarks/empty-lambda/target/function.zip",
      "event": "$work/empty-event.json",
      "deadlineSeconds": 60,
      "expect": ["\"received\":1"],
      "environment": {}
    },
    {
      "name": "shutdown-fn",
      "taskRoot": "$shutdown_root",
      "handler": "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest",
      "zip": "shutdown-fn/target/function.zip",
      "event": "events/manual-dry-run.json",
      "deadlineSeconds": 300,
      "expect": ["\"dry_run\":true", "\"overall_success\":true"],
      "environment": {
        "COSTGUARD_FUNCTION_NAMES": "relay-connect,relay-disconnect,relay-default",
        "COSTGUARD_INSTANCE_ID": "i-0c0ffee5eed000001",
        "COSTGUARD_DISTRIBUTION_ID": "E2DEMO0CDN0001",
        "COSTGUARD_ALERT_TOPIC_ARN": "arn:aws:sns:ap-northeast-1:123456789012:cost-guard-demo-alert",
        "COSTGUARD_RESULT_TOPIC_ARN": "arn:aws:sns:ap-northeast-1:123456789012:cost-guard-demo-result",
        "COSTGUARD_SNAPSHOT_PARAMETER": "/cost-guard/demo/kill-switch-snapshot",
        "COSTGUARD_DRAIN_SECONDS": "0"
      }
    },
    {
      "name": "recovery-fn",
      "taskRoot": "$recovery_root",
      "handler": "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest",
      "zip": "recovery-fn/target/function.zip",
      "event": "events/recovery-dry-run.json",
      "deadlineSeconds": 300,
      "expect": ["\"dry_run\":true"],
      "environment": {
        "COSTGUARD_FUNCTION_NAMES": "relay-connect,relay-disconnect,relay-default",
        "COSTGUARD_INSTANCE_ID": "i-0c0ffee5eed000001",
        "COSTGUARD_DISTRIBUTION_ID": "E2DEMO0CDN0001",
        "COSTGUARD_RESULT_TOPIC_ARN": "arn:aws:sns:ap-northeast-1:123456789012:cost-guard-demo-result",
        "COSTGUARD_SNAPSHOT_PARAMETER": "/cost-guard/demo/kill-switch-snapshot",
        "COSTGUARD_HEALTH_URL": "http://{privateIp}:$port/health",
        "COSTGUARD_HEALTH_INTERVAL_SECONDS": "1",
        "COSTGUARD_START_TIMEOUT_SECONDS": "30"
      }
    },
    {
      "name": "ecs-scheduler-fn",
      "taskRoot": "$ecs_root",
      "handler": "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest",
      "zip": "ecs-scheduler-fn/target/function.zip",
      "event": "events/ecs-dry-run.json",
      "deadlineSeconds": 300,
      "expect": ["\"dry_run\":true", "\"overall_success\":true"],
      "environment": {
        "COSTGUARD_SERVICES": "demo-cluster/web,demo-cluster/api",
        "COSTGUARD_SNAPSHOT_PARAMETER": "/cost-guard/demo/ecs-scheduler-snapshot",
        "COSTGUARD_RESULT_TOPIC_ARN": "arn:aws:sns:ap-northeast-1:123456789012:cost-guard-demo-result",
        "COSTGUARD_TIME_ZONE": "Asia/Tokyo"
      }
    },
    {
      "name": "efs-scaler-fn",
      "taskRoot": "$efs_root",
      "handler": "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest",
      "zip": "efs-scaler-fn/target/function.zip",
      "event": "events/efs-dry-run.json",
      "deadlineSeconds": 300,
      "expect": ["\"dry_run\":true", "\"overall_success\":true", "would create a mount target"],
      "environment": {
        "COSTGUARD_TARGET_DIRECTORY": "$efs_dir",
        "COSTGUARD_FILE_COUNT_THRESHOLD": "1000",
        "COSTGUARD_FILE_SYSTEM_ID": "fs-0ef5000000000000a",
        "COSTGUARD_VPC_ID": "vpc-0ef5000000000000a",
        "COSTGUARD_SECURITY_GROUP_IDS": "sg-0ef5000000000000a",
        "COSTGUARD_MOUNT_TARGET_PARAMETER": "/cost-guard/demo/efs-mount-targets",
        "COSTGUARD_ECS_CLUSTER": "demo-cluster",
        "COSTGUARD_ECS_SERVICE": "web",
        "COSTGUARD_POLL_INTERVAL_SECONDS": "1",
        "COSTGUARD_RESULT_TOPIC_ARN": "arn:aws:sns:ap-northeast-1:123456789012:cost-guard-demo-result"
      }
    }
  ]
}
EOF

if [ "${SNAPSTART:-0}" = "1" ]; then
  # Beside each SnapStart function, the same function started on the runtime client's SnapStart path: its org.crac
  # hooks (the *Priming reads) run before the "snapshot", and its CPU after ready estimates a restored first
  # invocation. org.crac reaches the runtime client's CRaC implementation through org.crac.Core.Compat.
  node -e '
    const fs = require("fs");
    const file = process.argv[1];
    const config = JSON.parse(fs.readFileSync(file, "utf8"));
    const snapStart = ["shutdown-fn", "recovery-fn", "ecs-scheduler-fn"];
    config.targets = config.targets.flatMap((t) => snapStart.includes(t.name)
      ? [t, {
        ...t,
        name: t.name + "+snapstart",
        environment: { ...t.environment, AWS_LAMBDA_INITIALIZATION_TYPE: "snap-start" },
        javaOptions: ["-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac"],
      }] : [t]);
    fs.writeFileSync(file, JSON.stringify(config, null, 2));
  ' "$work/config.json"
fi

echo "== $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
node docs/benchmarks/coldstart-driver.mjs "$work/config.json" | tee "$work/result.txt"
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg); process logs in $work/"
