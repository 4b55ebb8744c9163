#!/usr/bin/env bash
# make deploy-env ENV=dev|prod  /  make destroy-env ENV=dev|prod
#   deploy:  checks, make doctor (stops on a FAIL; DOCTOR=skip goes on anyway, DOCTOR=off does not run it), make
#            package in the environment's artifact_kind, terraform init, plan (printed), apply after confirmation
#            (AUTO_APPROVE=1 skips it), outputs. SKIP_PACKAGE=1 deploys the zips already in dist/.
#   destroy: checks, terraform init, destroy (terraform asks; AUTO_APPROVE=1 skips it).
# Every check runs before anything is built or planned, and says what to do.
set -euo pipefail
action="${1:?usage: deploy-env.sh deploy|destroy}"
root="$(cd "$(dirname "$0")/.." && pwd)"

stop() { echo "deploy-env: $*" >&2; exit 2; }

envs="$(cd "$root/terraform/envs" && ls -d */ | tr -d / | tr '\n' ' ')"
[[ -n "${ENV:-}" ]] || stop "ENV is not set: make ${action}-env ENV=<one of: ${envs% }>"
[[ -d "$root/terraform/envs/$ENV" ]] || stop "unknown ENV '$ENV': use one of: ${envs% }"
dir="$root/terraform/envs/$ENV"
command -v terraform >/dev/null 2>&1 || stop "terraform is not on the PATH: install Terraform >= 1.11"
[[ -f "$dir/terraform.tfvars" ]] ||
  stop "terraform/envs/$ENV/terraform.tfvars is missing: cp terraform/envs/$ENV/terraform.tfvars.example terraform/envs/$ENV/terraform.tfvars and fill it in"
backend_args=()
if grep -q 'backend "s3"' "$dir"/*.tf; then
  [[ -f "$dir/backend.hcl" ]] ||
    stop "terraform/envs/$ENV/backend.hcl is missing (state bucket and region): cp terraform/envs/$ENV/backend.hcl.example terraform/envs/$ENV/backend.hcl and fill it in"
  backend_args=("-backend-config=backend.hcl")
fi
if command -v aws >/dev/null 2>&1; then
  aws sts get-caller-identity >/dev/null 2>&1 ||
    stop "no usable AWS credentials (aws sts get-caller-identity failed): run aws configure / aws sso login, or export AWS_PROFILE"
elif [[ -z "${AWS_ACCESS_KEY_ID:-}" && -z "${AWS_PROFILE:-}" && ! -f "${AWS_SHARED_CREDENTIALS_FILE:-$HOME/.aws/credentials}" && ! -f "${AWS_CONFIG_FILE:-$HOME/.aws/config}" ]]; then
  stop "no AWS credentials found (no AWS_ACCESS_KEY_ID, AWS_PROFILE or ~/.aws): configure them first"
fi

unset TF_CLI_CONFIG_FILE # the offline mirror config is for the checks only
if [[ "$action" == "destroy" ]]; then
  terraform -chdir="$dir" init -input=false "${backend_args[@]}"
  approve=()
  [[ "${AUTO_APPROVE:-0}" == "1" ]] && approve=("-auto-approve")
  exec terraform -chdir="$dir" destroy "${approve[@]}"
fi

# What only the account knows (quotas, agents, existing endpoints, spend, the state bucket) is checked before anything
# is built: a FAIL stops the deploy unless DOCTOR=skip says to go on.
case "${DOCTOR:-}" in
  "" )
    ENV="$ENV" MVN="${MVN:-mvn -B}" bash "$root/scripts/doctor.sh" doctor ||
      stop "make doctor ENV=$ENV found a FAIL (above, each with its fix; docs/RUNBOOK.md says what each means). Fix it, or deploy anyway with DOCTOR=skip" ;;
  skip )
    ENV="$ENV" MVN="${MVN:-mvn -B}" bash "$root/scripts/doctor.sh" doctor ||
      echo "deploy-env: DOCTOR=skip: going on despite the doctor's FAIL above" >&2 ;;
  off ) echo "deploy-env: DOCTOR=off: the doctor was not run" >&2 ;;
  * ) stop "DOCTOR='$DOCTOR' is not one of: (unset), skip, off" ;;
esac

# The kind the environment deploys decides what is built: a native environment never gets JVM zips.
kind="$(sed -n 's/^[[:space:]]*artifact_kind[[:space:]]*=[[:space:]]*"\([a-z]*\)".*/\1/p' "$dir/terraform.tfvars" | tail -1)"
kind="${kind:-$(sed -n '/variable "artifact_kind"/,/^}/s/.*default *= *"\([a-z]*\)".*/\1/p' "$dir/variables.tf")}"
[[ "$kind" == "jvm" || "$kind" == "native" ]] || stop "artifact_kind in terraform/envs/$ENV/terraform.tfvars must be \"jvm\" or \"native\""
if [[ -n "${ARTIFACT:-}" && "$ARTIFACT" != "$kind" ]]; then
  stop "ARTIFACT=$ARTIFACT but terraform/envs/$ENV deploys artifact_kind = \"$kind\": make them agree"
fi
if [[ "${SKIP_PACKAGE:-0}" != "1" ]]; then
  ARTIFACT="$kind" bash "$root/scripts/package.sh"
fi
bash "$root/scripts/check-artifacts.sh" "$kind" "$root/dist"

terraform -chdir="$dir" init -input=false "${backend_args[@]}"
plan="$(mktemp "${TMPDIR:-/tmp}/cost-guard-$ENV.XXXXXX.tfplan")"
trap 'rm -f "$plan"' EXIT
terraform -chdir="$dir" plan -input=false -out="$plan"
if [[ "${AUTO_APPROVE:-0}" != "1" ]]; then
  read -r -p "Apply this plan to $ENV? Type yes: " answer
  [[ "$answer" == "yes" ]] || stop "not applied"
fi
terraform -chdir="$dir" apply -input=false "$plan"
terraform -chdir="$dir" output
