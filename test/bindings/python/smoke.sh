#!/usr/bin/env bash
# Python smoke test: installs the wheel jsii-pacmak built in dist/python, with
# cdk8s from PyPI, into a fresh venv; synthesizes the default full-cluster
# backup from Python; the YAML must equal the TypeScript app's, byte for byte.
set -euo pipefail
export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1
cd "$(dirname "$0")/../../.."

wheel=$(ls dist/python/cdk8s_kyma_backup-*.whl 2>/dev/null | head -n 1)
[ -n "$wheel" ] || { echo "no wheel in dist/python: run 'npx projen compile && npx jsii-pacmak --target python' first" >&2; exit 1; }

# The Python packages of the same versions the TypeScript side is tested with.
version() { node -p "require('./node_modules/$1/package.json').version"; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check "$wheel" \
  "cdk8s==$(version cdk8s)" "cdk8s-plus-27==$(version cdk8s-plus-27)" "constructs==$(version constructs)"

"$work/venv/bin/python" test/bindings/python/app.py "$work/python"
bash test/bindings/same-output.sh Python "$work/python"

# Hostile arguments from Python (a sample of test/fuzz): jsii's TypeError or a
# synth problem naming the argument, never another exception.
"$work/venv/bin/python" test/bindings/python/hostile.py

# The command line comes with the wheel too: jsii-pacmak writes a `kyma-backup`
# script for the npm package's bin, which runs the same bundle with Node.js.
help=$("$work/venv/bin/kyma-backup" --help)
grep -q 'apply \[options\] \[dir\]' <<<"$help" || { echo "python: kyma-backup --help printed:" >&2; echo "$help" >&2; exit 1; }
echo "python: kyma-backup --help runs from the wheel"
