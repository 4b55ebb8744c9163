#!/usr/bin/env bash
# make doctor ENV=dev|prod  /  make smoke ENV=dev|prod  (README "Deploy", docs/RUNBOOK.md "Doctor and smoke test")
#   doctor: read-only checks with the deployer's credentials before a deploy; one line per check, PASS/WARN/FAIL
#           with the fix; exit 1 on a FAIL.
#   smoke:  after a deploy, every trigger path in the real account without changing anything billable (dry runs);
#           one Slack message with the result; exit 1 on any failure.
# Inputs: terraform/envs/$ENV/terraform.tfvars, backend.hcl when the env has an S3 backend, and (smoke) the env's
# `terraform output -json`. COSTGUARD_AWS_ENDPOINT_URL points every call at another endpoint (the demo's fake account).
# SKIP_BUILD=1 uses the tool already built. Extra options go in DOCTOR_ARGS (e.g. "--timeout-seconds 300").
set -euo pipefail
command_name="${1:?usage: doctor.sh doctor|smoke}"
root="$(cd "$(dirname "$0")/.." && pwd)"
stop() { echo "$command_name: $*" >&2; exit 2; }

envs="$(cd "$root/terraform/envs" && ls -d */ | tr -d / | tr '\n' ' ')"
[[ -n "${ENV:-}" ]] || stop "ENV is not set: make $command_name ENV=<one of: ${envs% }>"
dir="${TFVARS_DIR:-$root/terraform/envs/$ENV}"
[[ -d "$dir" ]] || stop "unknown ENV '$ENV': use one of: ${envs% }"
[[ -f "$dir/terraform.tfvars" ]] ||
  stop "terraform/envs/$ENV/terraform.tfvars is missing: cp terraform/envs/$ENV/terraform.tfvars.example terraform/envs/$ENV/terraform.tfvars and fill it in"

args=("$command_name" --env "$ENV" --tfvars "$dir/terraform.tfvars" --events "$root/events")
if [[ -f "$dir/backend.hcl" ]]; then
  args+=(--backend "$dir/backend.hcl")
elif grep -qs 'backend "s3"' "$dir"/*.tf; then
  stop "terraform/envs/$ENV/backend.hcl is missing (state bucket and region): cp terraform/envs/$ENV/backend.hcl.example terraform/envs/$ENV/backend.hcl and fill it in"
fi
if [[ "$command_name" == "smoke" && -z "${COSTGUARD_AWS_ENDPOINT_URL:-}" ]]; then
  command -v terraform >/dev/null 2>&1 || stop "terraform is not on the PATH: the smoke test reads the environment's outputs"
  outputs="$(mktemp "${TMPDIR:-/tmp}/cost-guard-$ENV-outputs.XXXXXX.json")"
  trap 'rm -f "$outputs"' EXIT
  (unset TF_CLI_CONFIG_FILE; terraform -chdir="$dir" output -json > "$outputs") ||
    stop "terraform output failed in terraform/envs/$ENV: deploy first (make deploy-env ENV=$ENV)"
  args+=(--outputs "$outputs")
fi
# shellcheck disable=SC2206
args+=(${DOCTOR_ARGS:-})

classpath="$root/doctor/target/doctor.classpath"
if [[ "${SKIP_BUILD:-0}" != "1" || ! -f "$classpath" ]]; then
  (cd "$root" && ${MVN:-mvn -B} -q -DskipTests install -pl doctor -am) || stop "building the doctor failed"
fi
exec java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -Dslf4j.internal.verbosity=ERROR \
  -cp "$root/doctor/target/classes:$(cat "$classpath")" dev.costguard.doctor.DoctorMain "${args[@]}"
