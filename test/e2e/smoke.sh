#!/usr/bin/env bash
# Smoke test of the local cluster harness: build, up, back up a namespace with
# a ConfigMap through Velero, delete the namespace, restore it, check the
# ConfigMap, down. `down` runs on every exit; on failure the log tails and the
# Velero objects are printed first.
#
# The BackupStorageLocation and VolumeSnapshotLocation are created here with
# kubectl; in the real end-to-end test they come from the library.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
CLUSTER=$HERE/cluster.sh
STATE=${E2E_STATE_DIR:-${E2E_CACHE_DIR:-$REPO/.e2e-cache}/run}
WAIT=${SMOKE_TIMEOUT:-180} # seconds for each wait below
NS=e2e-smoke
RUN=smoke-$(date +%s)

say() { printf '[smoke %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

t_start=$SECONDS
bash "$CLUSTER" build
t_build=$((SECONDS - t_start))

on_exit() {
  local rc=$?
  if ((rc != 0)); then
    say "FAILED ($rc)"
    if [[ -n ${E2E_KUBECTL:-} ]]; then
      "$E2E_KUBECTL" -n "$E2E_VELERO_NAMESPACE" get backupstoragelocations,backups,restores -o yaml 2>&1 | tail -n 80 >&2 || true
    fi
    bash "$CLUSTER" logs 60 || true
  fi
  bash "$CLUSTER" down || true
  exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

t0=$SECONDS
bash "$CLUSTER" up
t_up=$((SECONDS - t0))

set -a
# shellcheck disable=SC1091
. "$STATE/env"
set +a
k() { "$E2E_KUBECTL" "$@"; }

# wait_phase KIND NAME PHASE...: poll .status.phase until it is the first
# PHASE; fail at once on a final phase that is not it.
wait_phase() {
  local kind=$1 name=$2 want=$3 start=$SECONDS phase=""
  while ((SECONDS - start < WAIT)); do
    phase=$(k -n "$E2E_VELERO_NAMESPACE" get "$kind" "$name" -o jsonpath='{.status.phase}' 2>/dev/null || true)
    if [[ $phase == "$want" ]]; then
      say "$kind/$name: $phase after $((SECONDS - start)) s"
      return 0
    fi
    case $phase in
    Failed | PartiallyFailed | FailedValidation | Unavailable)
      if [[ $kind != backupstoragelocation ]]; then
        say "$kind/$name ended $phase"
        k -n "$E2E_VELERO_NAMESPACE" get "$kind" "$name" -o yaml >&2
        return 1
      fi
      ;;
    esac
    sleep 1
  done
  say "$kind/$name: still '${phase}' after ${WAIT} s (want $want)"
  return 1
}

t0=$SECONDS
say "BackupStorageLocation and VolumeSnapshotLocation 'default' -> $E2E_S3_URL/$E2E_BUCKET"
k apply -f - <<EOF
apiVersion: velero.io/v1
kind: BackupStorageLocation
metadata:
  name: default
  namespace: $E2E_VELERO_NAMESPACE
spec:
  provider: aws
  default: true
  objectStorage:
    bucket: $E2E_BUCKET
  config:
    region: $E2E_REGION
    s3ForcePathStyle: "true"
    s3Url: $E2E_S3_URL
---
apiVersion: velero.io/v1
kind: VolumeSnapshotLocation
metadata:
  name: default
  namespace: $E2E_VELERO_NAMESPACE
spec:
  provider: aws
  config:
    region: $E2E_REGION
EOF
wait_phase backupstoragelocation default Available

say "namespace $NS with a ConfigMap"
k apply -f - <<EOF
apiVersion: v1
kind: Namespace
metadata:
  name: $NS
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: smoke-config
  namespace: $NS
data:
  greeting: hello from $RUN
EOF

say "backup $RUN"
k apply -f - <<EOF
apiVersion: velero.io/v1
kind: Backup
metadata:
  name: $RUN
  namespace: $E2E_VELERO_NAMESPACE
spec:
  includedNamespaces: [$NS]
  storageLocation: default
  ttl: 1h0m0s
EOF
wait_phase backup "$RUN" Completed
t_backup=$((SECONDS - t0))

t0=$SECONDS
say "delete namespace $NS"
k delete namespace "$NS" --wait=false
k wait --for=delete "namespace/$NS" --timeout "${WAIT}s"
say "namespace $NS gone after $((SECONDS - t0)) s"

say "restore $RUN"
k apply -f - <<EOF
apiVersion: velero.io/v1
kind: Restore
metadata:
  name: $RUN
  namespace: $E2E_VELERO_NAMESPACE
spec:
  backupName: $RUN
EOF
wait_phase restore "$RUN" Completed

got=$(k -n "$NS" get configmap smoke-config -o jsonpath='{.data.greeting}')
[[ $got == "hello from $RUN" ]] || {
  say "ConfigMap after restore: '$got'"
  exit 1
}
say "ConfigMap restored: $got"
t_restore=$((SECONDS - t0))

# The backup's files are in the bucket (moto answers unsigned requests).
listing=$(curl -fsS "$E2E_S3_URL/$E2E_BUCKET?list-type=2&prefix=backups/$RUN/")
[[ $listing == *"<Key>backups/$RUN/$RUN.tar.gz</Key>"* ]] || {
  say "backups/$RUN/$RUN.tar.gz is not in bucket $E2E_BUCKET: $listing"
  exit 1
}
say "bucket $E2E_BUCKET holds $(grep -o '<Key>' <<<"$listing" | wc -l) objects under backups/$RUN/"

t0=$SECONDS
trap - EXIT
bash "$CLUSTER" down
t_down=$((SECONDS - t0))
say "PASSED: build ${t_build} s, up ${t_up} s, backup ${t_backup} s, delete+restore ${t_restore} s, down ${t_down} s, total $((SECONDS - t_start)) s"
echo "smoke: 1 passed, 0 failed"
