#!/usr/bin/env bash
# Renders the nightly batch state machine definition exactly as the module does (the ./definition module, through
# Terraform, offline: it has no providers), once per launch option, then checks each rendering with
# check-definition.mjs (asl-validator plus the shape the orchestration needs) and executes it on every path with
# run-definition.test.mjs (aws-local-stepfunctions); both tools pinned in package-lock.json. Called by
# terraform/check.sh; runnable alone.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

for tool in node npm terraform; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "check-definition.sh: '$tool' is not on PATH. Node.js 20+ with npm is needed to validate the state machine" \
      "with asl-validator and execute it with aws-local-stepfunctions (e.g. apt-get install nodejs npm), and" \
      "Terraform 1.11+ to render it." >&2
    exit 1
  fi
done

# The validator and the interpreter, at the versions package-lock.json pins, into tools/node_modules (ignored by git).
if ! (cd "$here" && npm ci --no-audit --no-fund --silent >/dev/null); then
  echo "check-definition.sh: 'npm ci' failed in $here: the npm registry must be reachable once (or a warm npm cache)." >&2
  exit 1
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/cost-guard-asl.XXXXXX")"
trap 'rm -rf "$work"' EXIT
unset TF_DATA_DIR

renderings=()
for variant in true:"" false:"" false:"/cost-guard/app/parked"; do
  spot=${variant%%:*}
  parked=${variant#*:}
  root="$work/fargate-spot-$spot${parked:+-parked}"
  mkdir -p "$root"
  cat >"$root/main.tf" <<TF
module "definition" {
  source = "$here/../definition"

  cluster_arn            = "arn:aws:ecs:ap-northeast-1:123456789012:cluster/app"
  task_definition_arn    = "arn:aws:ecs:ap-northeast-1:123456789012:task-definition/app-api:7"
  container_name         = "api"
  batch_command          = ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/cost-guard/batch-job/quarkus-run.jar"]
  use_fargate_spot       = $spot
  subnet_ids             = ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"]
  security_group_ids     = ["sg-0123456789abcdef0"]
  assign_public_ip       = false
  task_timeout_seconds   = 3600
  retry_interval_seconds = 60
  alarm_topic_arn        = "arn:aws:sns:ap-northeast-1:123456789012:app-monitoring"
  parked_parameter_name  = "$parked"
  time_zone              = "Asia/Tokyo"
}

output "json" {
  value = module.definition.json
}
TF
  terraform -chdir="$root" init -input=false -no-color >/dev/null
  terraform -chdir="$root" apply -auto-approve -input=false -no-color >/dev/null
  terraform -chdir="$root" output -raw json >"$root/definition.json"
  renderings+=("$root/definition.json")
done

node "$here/check-definition.mjs" "${renderings[@]}"
# Every path executed in the ASL interpreter (aws-local-stepfunctions), both launch options.
(cd "$here" && DEFINITIONS="${renderings[*]}" node --test --test-reporter=dot run-definition.test.mjs)
