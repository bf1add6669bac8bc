#!/usr/bin/env bash
# Usage: same-output.sh LABEL DIR: synthesizes the TypeScript example app and
# checks that DIR holds the same files with the same bytes.
set -euo pipefail
label=$1
other=$2
typescript=$(mktemp -d)
trap 'rm -rf "$typescript"' EXIT
npx cdk8s synth --no-check-upgrade --output "$typescript" > /dev/null
diff -u <(ls "$typescript") <(ls "$other")
for f in $(ls "$typescript"); do
  cmp "$typescript/$f" "$other/$f"
done
echo "$label smoke test: $(ls "$other" | tr '\n' ' ')identical to the TypeScript output"
