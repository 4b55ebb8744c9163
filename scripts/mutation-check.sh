#!/usr/bin/env bash
# After `make mutation`: prints each module's PIT figures (the row docs/MUTATION.md keeps) and fails when a
# surviving mutant is not named in docs/MUTATION.md's table of equivalent survivors (matched on module, class,
# method and mutator; line numbers move with every edit, so they are shown, not matched).
# Usage: scripts/mutation-check.sh common/core shutdown-fn ...   (or a comma-separated list, as MODULES= takes)
set -euo pipefail
cd "$(dirname "$0")/.."
doc=docs/MUTATION.md
status=0
for module in $(echo "$*" | tr ',' ' '); do
  csv="$module/target/pit-reports/mutations.csv"
  if [[ ! -f "$csv" ]]; then
    echo "mutation-check: $csv is missing: run make mutation MODULES=$module first" >&2
    status=1
    continue
  fi
  awk -F, -v module="$module" '
    { n++; s[$6]++ }
    END {
      killed = s["KILLED"] + s["TIMED_OUT"] + s["RUN_ERROR"] + s["MEMORY_ERROR"]
      covered = n - s["NO_COVERAGE"]
      printf "| %s | %d | %d | %d | %d | %d %% |\n", module, n, killed, s["SURVIVED"], s["NO_COVERAGE"],
        covered ? int(100 * killed / covered + 0.5) : 0
    }' "$csv"
  while IFS=, read -r _ class mutator method line state _; do
    [[ "$state" == "SURVIVED" ]] || continue
    simple="${class##*.}"
    short="${mutator##*.}"
    short="${short%Mutator}"
    if ! grep -qF "| $module | \`$simple\` | \`$method\` |" "$doc" \
        || ! grep -F "| $module | \`$simple\` | \`$method\` |" "$doc" | grep -qF "| $short |"; then
      echo "NOT NAMED: $module $simple.$method line $line $short survives and docs/MUTATION.md does not say why it is equivalent" >&2
      status=1
    fi
  done < "$csv"
done
exit $status
