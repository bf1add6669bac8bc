#!/usr/bin/env bash
# Hostile arguments through the Python binding (hostile.py): installs the wheel
# jsii-pacmak built in dist/python into a fresh venv, as smoke.sh does, and
# runs a sample of the jsii fuzz test's cases from Python. smoke.sh runs
# hostile.py as well, in its venv; this script runs it alone.
set -euo pipefail
export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1
cd "$(dirname "$0")/../../.."

wheel=$(ls dist/python/cdk8s_kyma_backup-*.whl 2>/dev/null | head -n 1)
[ -n "$wheel" ] || { echo "no wheel in dist/python: run 'npx projen compile && npx jsii-pacmak --target python' first" >&2; exit 1; }

version() { node -p "require('./node_modules/$1/package.json').version"; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check "$wheel" \
  "cdk8s==$(version cdk8s)" "constructs==$(version constructs)"

"$work/venv/bin/python" test/bindings/python/hostile.py
