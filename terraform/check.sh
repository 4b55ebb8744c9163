#!/usr/bin/env bash
# Offline static checks for the Cost Guard Terraform code:
#   terraform fmt -check, then init + validate (and `terraform test`, where a
#   tests/ folder exists) for every module and environment.
# Providers come from the filesystem mirror configured in cli.tfrc. The
# checks run on a scratch copy of the tree, so no .terraform directories or
# lock files are left behind. Prints one line per directory on success.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if ! command -v terraform >/dev/null 2>&1; then
  if [[ "${SKIP_TERRAFORM:-}" == "1" ]]; then
    echo "check.sh: SKIPPED: terraform is not on PATH and SKIP_TERRAFORM=1 is set." >&2
    exit 0
  fi
  echo "check.sh: 'terraform' is not on PATH; install Terraform >= 1.11 and retry (or set SKIP_TERRAFORM=1 on purpose)." >&2
  exit 1
fi

export TF_CLI_CONFIG_FILE="$here/cli.tfrc"
export CHECKPOINT_DISABLE=1
export TF_IN_AUTOMATION=1

work="$(mktemp -d "${TMPDIR:-/tmp}/cost-guard-tf-check.XXXXXX")"
trap 'rm -rf "$work"' EXIT

failures=0

# run LABEL CMD...: run quietly; on failure print the captured output.
run() {
  local label="$1"
  shift
  local out
  if ! out="$("$@" 2>&1)"; then
    printf 'FAIL %s\n%s\n' "$label" "$out" >&2
    return 1
  fi
}

if run "fmt" terraform fmt -check -recursive -diff -no-color "$here"; then
  echo "ok   fmt -check -recursive"
else
  failures=$((failures + 1))
fi

# Scratch copy of the code (relative module sources keep working).
tar -C "$here" \
  --exclude='.terraform' --exclude='.terraform.lock.hcl' \
  --exclude='*.tfstate' --exclude='*.tfstate.*' --exclude='terraform.tfvars' \
  -cf - modules stack envs | tar -C "$work" -xf -

# One directory's checks; prints its ok line or what failed. Directories are checked a few at a time (each
# `terraform test` mostly waits on its provider processes), their output shown in order afterwards.
check_dir() {
  local dir="$1" rel="${1#"$work"/}" aliases a summary
  export TF_DATA_DIR="$work/.data/${rel//\//_}"

  # `terraform validate` cannot validate a module that declares
  # configuration_aliases on its own; give the scratch copy empty provider
  # configurations for those aliases (e.g. aws.us_east_1).
  aliases="$(grep -ho 'configuration_aliases *= *\[[^]]*\]' "$dir"/*.tf 2>/dev/null |
    grep -oE '[a-z0-9_-]+\.[A-Za-z0-9_-]+' | sort -u || true)"
  for a in $aliases; do
    printf 'provider "%s" {\n  alias = "%s"\n}\n' "${a%%.*}" "${a#*.}" >>"$dir/zz_check_providers.tf"
  done

  summary="init, validate"
  if ! run "$rel: init" terraform -chdir="$dir" init -backend=false -input=false -no-color ||
    ! run "$rel: validate" terraform -chdir="$dir" validate -no-color; then
    return 1
  fi

  if [[ -d "$dir/tests" ]]; then
    # The alias stubs are only for validate; tests bring mock providers.
    rm -f "$dir/zz_check_providers.tf"
    run "$rel: test" terraform -chdir="$dir" test -no-color || return 1
    summary+=", test"
  fi

  echo "ok   $rel ($summary)"
}

# The nightly batch's state machine, rendered as Terraform renders it, through asl-validator and executed on every
# path in aws-local-stepfunctions (needs Node.js).
check_definition() {
  run "orchestration: state machine definition" bash "$here/modules/orchestration/tools/check-definition.sh" || return 1
  echo "ok   modules/orchestration/definition (asl-validator, executed on every path in aws-local-stepfunctions)"
}

parallel="${TF_CHECK_JOBS:-3}"
shopt -s nullglob
tasks=()
for dir in "$work"/modules/*/ "$work"/modules/*/examples/*/ "$work"/envs/*/; do
  tasks+=("check_dir ${dir%/}")
done
tasks+=("check_definition")
for i in "${!tasks[@]}"; do
  while (($(jobs -rp | wc -l) >= parallel)); do
    wait -n || true
  done
  (if ${tasks[$i]} >"$work/task.$i.out" 2>&1; then echo 0; else echo 1; fi >"$work/task.$i.status") &
done
wait
for i in "${!tasks[@]}"; do
  cat "$work/task.$i.out"
  [[ "$(cat "$work/task.$i.status")" == "0" ]] || failures=$((failures + 1))
done

if ((failures > 0)); then
  echo "check.sh: $failures check(s) failed" >&2
  exit 1
fi
