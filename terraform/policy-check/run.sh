#!/usr/bin/env bash
# The IAM checks of the Terraform code, with pinned npm packages (package-lock.json) installed into ./node_modules
# (git-ignored) by `npm ci` when they are missing:
#   1. least privilege of every policy document in the sources (check.mjs; proved to fail on its bad fixture first);
#   2. permissions and trust simulated with @cloud-copilot/iam-simulate (simulate.mjs) against the policies as the
#      AWS provider renders them for an environment (render/render.tftest.hcl, offline) and the AWS calls the
#      functions' tests made (<module>/target/aws-calls, left by `mvn install`; run this after the Maven build);
#      the doctor's and smoke test's calls (doctor/target/aws-calls) against docs/doctor-policy.json, the policy the
#      deployer attaches for make doctor / make smoke.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "policy-check: node and npm (Node.js 18 or later) are needed for the IAM checks; install them (e.g. apt-get install nodejs npm) and retry." >&2
  exit 1
fi
if ! command -v terraform >/dev/null 2>&1; then
  echo "policy-check: 'terraform' is not on PATH; the simulation renders the policies with it (Terraform >= 1.11)." >&2
  exit 1
fi

cd "$here"
if ! npm ls --silent >/dev/null 2>&1; then
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi
for t in check.test.mjs simulate.test.mjs; do
  if ! out="$(node --test "$t" 2>&1)"; then
    printf 'FAIL policy-check self-test (%s)\n%s\n' "$t" "$out" >&2
    exit 1
  fi
done
node check.mjs ../modules ../stack

# Render an environment's policies offline: a scratch copy (no .terraform left behind), the real AWS provider
# from the mirror in cli.tfrc, the render test's overrides for what would need AWS.
export TF_CLI_CONFIG_FILE="$here/../cli.tfrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
work="$(mktemp -d "${TMPDIR:-/tmp}/cost-guard-simulate.XXXXXX")"
trap 'rm -rf "$work"' EXIT
tar -C "$here/.." --exclude='.terraform' --exclude='.terraform.lock.hcl' --exclude='*.tfstate*' --exclude='terraform.tfvars' \
  -cf - modules stack envs | tar -C "$work" -xf -
env_dir="$work/envs/dev"
mkdir -p "$env_dir/render"
cp "$here/render/render.tftest.hcl" "$env_dir/render/"
export TF_DATA_DIR="$work/.data"
if ! out="$(terraform -chdir="$env_dir" init -backend=false -input=false -no-color 2>&1)"; then
  printf 'FAIL policy-check: terraform init for the rendering\n%s\n' "$out" >&2
  exit 1
fi
plan="$work/plan.jsonl"
if ! terraform -chdir="$env_dir" test -test-directory=render -json -verbose -no-color >"$plan" 2>"$work/render.err"; then
  echo "FAIL policy-check: rendering the policies (terraform test on render/render.tftest.hcl):" >&2
  node -e 'for (const l of require("fs").readFileSync(process.argv[1], "utf8").split("\n")) { if (!l) continue; const m = JSON.parse(l); if (m.type === "diagnostic") console.error(m["@message"], m.diagnostic.detail ?? "", m.diagnostic.address ?? ""); }' "$plan" >&2
  cat "$work/render.err" >&2
  exit 1
fi
node simulate.mjs "$plan" "$root"
