#!/usr/bin/env bash
# The published package runs its bin: packs the jsii package (npx projen
# package:js writes dist/js/*.tgz), installs the tarball with its peer
# dependencies into an empty directory, and runs `npx kyma-backup --help` and
# each command's --help there. Run by `npx projen test:cli-package`.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$REPO"
tgz=$(ls -t dist/js/cdk8s-kyma-backup@*.tgz 2>/dev/null | head -1 || true)
[[ -n $tgz ]] || { echo "no dist/js/cdk8s-kyma-backup@*.tgz: run npx projen compile && npx projen package:js" >&2; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# Executable in the tarball: the Python wheel's kyma-backup script runs it as it is.
listing=$(tar -tvzf "$tgz")
grep -q '^-rwx.* package/lib/cli/kyma-backup.js$' <<<"$listing" || { echo "the tarball has no executable lib/cli/kyma-backup.js" >&2; exit 1; }
grep -q ' package/lib/cli/THIRD-PARTY-LICENSES.txt$' <<<"$listing" || { echo "the tarball has no lib/cli/THIRD-PARTY-LICENSES.txt" >&2; exit 1; }
echo "tarball: $tgz ($(du -h "$tgz" | cut -f1)), with lib/cli/kyma-backup.js and its THIRD-PARTY-LICENSES.txt"
cd "$dir"
npm init -y >/dev/null
peers=$(node -e "const p=require('$REPO/package.json').peerDependencies;console.log(Object.entries(p).map(([n,v])=>n+'@'+v).join(' '))")
npm install --no-audit --no-fund --loglevel=error "$REPO/$tgz" $peers >/dev/null
echo "installed: $(npm ls --depth=0 2>/dev/null | tail -n +2 | tr '\n' ' ')"
deps=$(node -e "console.log(Object.keys(require('./node_modules/cdk8s-kyma-backup/package.json').dependencies||{}).join(', ')||'none')")
echo "the package's dependencies: $deps"
npx --no-install kyma-backup --help
for command in apply restore verify status; do
  npx --no-install kyma-backup "$command" --help >/dev/null
done
echo "tarball: npx kyma-backup --help and the --help of apply, restore, verify and status exit 0"
