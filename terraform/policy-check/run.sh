#!/usr/bin/env bash
# Least-privilege check of the Terraform IAM policies (see check.mjs). Installs the pinned npm packages from
# package-lock.json into ./node_modules (git-ignored) when they are missing, proves the check fails on its bad
# fixture (node --test), then checks every module and environment.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "policy-check: node and npm (Node.js 18 or later) are needed for the least-privilege check; install them (e.g. apt-get install nodejs npm) and retry." >&2
  exit 1
fi

cd "$here"
if ! npm ls --silent >/dev/null 2>&1; then
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi
if ! out="$(node --test check.test.mjs 2>&1)"; then
  printf 'FAIL policy-check self-test (check.test.mjs)\n%s\n' "$out" >&2
  exit 1
fi
node check.mjs ../modules ../envs
