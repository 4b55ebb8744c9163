#!/usr/bin/env bash
# make doctor and make smoke against the demo's fake AWS account (no AWS account needed): the tables a person sees
# before and after a deploy. Usage: bash demo/doctor-demo.sh [endpoint]; without an endpoint it starts its own fake.
# SKIP_BUILD=1 uses the jars already built.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${SKIP_BUILD:-0}" != "1" ]; then
  mvn -B -q -DskipTests install -pl demo,doctor -am
fi
endpoint=${1:-}
if [ -z "$endpoint" ]; then
  log=$(mktemp "${TMPDIR:-/tmp}/cost-guard-fake.XXXXXX.log")
  java -jar "$(ls demo/target/demo-*-all.jar | head -1)" --port 0 > "$log" 2>&1 &
  fake_pid=$!
  trap 'kill $fake_pid 2>/dev/null || true; rm -f "$log"' EXIT
  for _ in $(seq 1 50); do
    grep -q '^listening on ' "$log" 2>/dev/null && break
    sleep 0.1
  done
  endpoint=$(head -1 "$log" | sed 's/^listening on //')
fi
export COSTGUARD_AWS_ENDPOINT_URL=$endpoint AWS_ACCESS_KEY_ID=${AWS_ACCESS_KEY_ID:-demo} AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY:-demo}
unset AWS_REGION
echo "== make doctor ENV=demo (against the fake account at $endpoint; the sample's VPC already has an SSM endpoint)"
ENV=demo TFVARS_DIR=demo/doctor SKIP_BUILD=1 bash scripts/doctor.sh doctor || echo "   (exit status $?: the doctor found a FAIL)"
echo
echo "== make smoke ENV=demo (dry runs through the live aliases, a one-off schedule, the batch's state machine, one Slack message)"
ENV=demo TFVARS_DIR=demo/doctor SKIP_BUILD=1 DOCTOR_ARGS="--schedule-lead-seconds 1 --poll-seconds 1" bash scripts/doctor.sh smoke | grep -v '^{'
