#!/usr/bin/env bash
# Go smoke test: builds a Go program against the Go module jsii-pacmak wrote
# to dist/go (and the cdk8s Go modules generated the same way into
# dist/go-deps), synthesizes the default full-cluster backup from Go; the YAML
# must equal the TypeScript app's, byte for byte.
set -euo pipefail
export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION=1
cd "$(dirname "$0")/../../.."

[ -d dist/go/cdk8skymabackup ] || { echo "no Go module in dist/go: run 'npx projen package:go' first" >&2; exit 1; }
# The Go module proxy does not serve github.com/cdk8s-team/*; generate those
# modules from the npm packages the TypeScript side uses.
for pkg in cdk8s cdk8s-plus-27; do
  [ -d "dist/go-deps/$pkg" ] || npx jsii-pacmak --target go --code-only -o "dist/go-deps/$pkg" "node_modules/$pkg" > /dev/null
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd test/bindings/go && go run . "$work/go")
bash test/bindings/same-output.sh Go "$work/go"
