#!/usr/bin/env bash
# Local Kubernetes + Velero cluster for the end-to-end test: no containers, no
# nodes, every process on 127.0.0.1 and started (and stopped, by its recorded
# PID) by this script. See test/e2e/README.md.
#
#   cluster.sh build         build/install everything once (cached by version)
#   cluster.sh up            start etcd, kube-apiserver, kube-controller-manager,
#                            moto (S3), prepare the kyma-backup namespace, then
#                            start velero server; write <state>/env and
#                            <state>/kubeconfig
#   cluster.sh up --no-velero   the same without velero server
#   cluster.sh velero-up     start velero server on a running cluster
#   cluster.sh velero-down   stop velero server only
#   cluster.sh down          stop every recorded process, remove the state dir
#   cluster.sh logs [N]      print the last N (default 40) lines of each log
#   cluster.sh status        list the recorded processes and whether they run
#
# Environment (all optional):
#   E2E_CACHE_DIR  binaries, venv, state       (default <repo>/.e2e-cache)
#   E2E_STATE_DIR  PIDs, kubeconfig, env, data (default $E2E_CACHE_DIR/run)
#   E2E_LOG_DIR    one log per process         (default <repo>/test-reports/e2e-logs)
#   E2E_TIMEOUT    seconds to wait for each component to be ready (default 120)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
CACHE=${E2E_CACHE_DIR:-$REPO/.e2e-cache}
STATE=${E2E_STATE_DIR:-$CACHE/run}
LOGS=${E2E_LOG_DIR:-$REPO/test-reports/e2e-logs}
TIMEOUT=${E2E_TIMEOUT:-120}

# Versions. The Go ones must match test/e2e/kube/go.mod and
# test/e2e/velero/go.mod (checked by `build`).
K8S_VERSION=v1.35.4
VELERO_VERSION=v1.18.1
AWS_PLUGIN_VERSION=v1.14.3
MOTO_VERSION=5.2.5

VELERO_NAMESPACE=kyma-backup
BUCKET=kyma-backups
REGION=us-east-1
TOKEN=e2e-admin-token
SERVICE_CIDR=10.0.0.0/24 # only stored in Service objects: no traffic goes there

BIN=$CACHE/bin
KUBE_APISERVER=$BIN/kube-apiserver-$K8S_VERSION/kube-apiserver
KUBE_CONTROLLER_MANAGER=$BIN/kube-controller-manager-$K8S_VERSION/kube-controller-manager
KUBECTL=$BIN/kubectl-$K8S_VERSION/kubectl
VELERO=$BIN/velero-$VELERO_VERSION/velero
# velero server's --plugin-dir: this folder holds the plugin binary alone.
AWS_PLUGIN_DIR=$BIN/velero-plugin-for-aws-$AWS_PLUGIN_VERSION
AWS_PLUGIN=$AWS_PLUGIN_DIR/velero-plugin-for-aws
MOTO_VENV=$CACHE/venv/moto-$MOTO_VERSION
MOTO_SERVER=$MOTO_VENV/bin/moto_server

# Start order; `down` stops them in reverse.
COMPONENTS=(etcd kube-apiserver kube-controller-manager moto velero)

log() { printf '[e2e %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- build ----

check_go_version() { # module-dir module version
  local got
  got=$(cd "$1" && go list -m -f '{{.Version}}' "$2")
  [[ $got == "$3" ]] || die "$1/go.mod has $2 $got, cluster.sh expects $3"
}

# build_go NAME VERSION MODULE-DIR PACKAGE LDFLAGS: build once into
# $BIN/NAME-VERSION/NAME (through a temporary file, so an interrupted build
# leaves nothing that looks finished).
build_go() {
  local name=$1 version=$2 dir=$3 pkg=$4 ldflags=$5
  local out=$BIN/$name-$version/$name
  if [[ -x $out ]]; then
    log "build: $name $version: cached ($out)"
    return
  fi
  mkdir -p "$BIN/.tmp" "$(dirname "$out")"
  local tmp=$BIN/.tmp/$name-$version.$$ start=$SECONDS
  log "build: $name $version ..."
  (cd "$dir" && CGO_ENABLED=0 go build -trimpath -buildvcs=false -ldflags "-s -w $ldflags" -o "$tmp" "$pkg")
  mv "$tmp" "$out"
  log "build: $name $version: built in $((SECONDS - start)) s ($(du -h "$out" | cut -f1))"
}

k8s_ldflags() {
  local minor=${K8S_VERSION#v1.}
  minor=${minor%%.*}
  local f="" p
  for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    f+=" -X $p.gitVersion=$K8S_VERSION -X $p.gitMajor=1 -X $p.gitMinor=$minor -X $p.gitTreeState=clean"
  done
  echo "$f"
}

# Debian's etcd-server (etcd 3.4). A policy-rc.d that refuses service starts
# keeps the package from starting the Debian etcd service while it installs
# (there is no systemd here; the sysv script would run it otherwise).
ensure_etcd() {
  if command -v etcd >/dev/null 2>&1; then
    log "build: etcd: $(command -v etcd) ($(etcd --version 2>/dev/null | head -1))"
    return
  fi
  [[ $(id -u) == 0 ]] || die "etcd is missing and installing it needs root: apt-get install etcd-server"
  local start=$SECONDS policy=/usr/sbin/policy-rc.d created=""
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\n# temporary, from test/e2e/cluster.sh: no service starts while installing\nexit 101\n' >"$policy"
    chmod 755 "$policy"
    created=1
  fi
  local rc=0
  {
    DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends etcd-server >/dev/null
  } || rc=$?
  [[ -n $created ]] && rm -f "$policy"
  ((rc == 0)) || die "apt-get install etcd-server failed ($rc)"
  command -v etcd >/dev/null 2>&1 || die "etcd-server installed, but no etcd on PATH"
  log "build: etcd: installed etcd-server in $((SECONDS - start)) s ($(etcd --version | head -1))"
}

ensure_moto() {
  if [[ -x $MOTO_SERVER && -f $MOTO_VENV/.complete ]]; then
    log "build: moto $MOTO_VERSION: cached ($MOTO_VENV)"
    return
  fi
  local start=$SECONDS
  rm -rf "$MOTO_VENV"
  mkdir -p "$(dirname "$MOTO_VENV")"
  python3 -m venv "$MOTO_VENV"
  "$MOTO_VENV/bin/pip" install --quiet --disable-pip-version-check "moto[server]==$MOTO_VERSION"
  touch "$MOTO_VENV/.complete"
  log "build: moto $MOTO_VERSION: venv in $((SECONDS - start)) s"
}

cmd_build() {
  command -v go >/dev/null 2>&1 || die "go is not on PATH"
  command -v python3 >/dev/null 2>&1 || die "python3 is not on PATH"
  local start=$SECONDS
  ensure_etcd
  ensure_moto
  check_go_version "$HERE/kube" k8s.io/kubernetes "$K8S_VERSION"
  check_go_version "$HERE/velero" github.com/vmware-tanzu/velero "$VELERO_VERSION"
  check_go_version "$HERE/velero" github.com/vmware-tanzu/velero-plugin-for-aws "$AWS_PLUGIN_VERSION"
  local kf
  kf=$(k8s_ldflags)
  build_go kube-apiserver "$K8S_VERSION" "$HERE/kube" k8s.io/kubernetes/cmd/kube-apiserver "$kf"
  build_go kube-controller-manager "$K8S_VERSION" "$HERE/kube" k8s.io/kubernetes/cmd/kube-controller-manager "$kf"
  build_go kubectl "$K8S_VERSION" "$HERE/kube" k8s.io/kubernetes/cmd/kubectl "$kf"
  build_go velero "$VELERO_VERSION" "$HERE/velero" ./cmd/velero \
    "-X github.com/vmware-tanzu/velero/pkg/buildinfo.Version=$VELERO_VERSION -X github.com/vmware-tanzu/velero/pkg/buildinfo.GitTreeState=clean"
  build_go velero-plugin-for-aws "$AWS_PLUGIN_VERSION" "$HERE/velero" \
    github.com/vmware-tanzu/velero-plugin-for-aws/velero-plugin-for-aws ""
  rmdir "$BIN/.tmp" 2>/dev/null || true
  log "build: done in $((SECONDS - start)) s; cache $(du -sh "$CACHE" | cut -f1) in $CACHE"
}

# -------------------------------------------------------------- processes ----

# Start time of a PID (field 22 of /proc/PID/stat), to tell our process from a
# later one that got the same PID.
# The command name in field 2 may hold spaces: drop everything up to its ')'.
proc_start() { sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | awk '{print $20}' || true; }

# alive NAME: the recorded process of NAME still runs (same PID, same start,
# not a zombie waiting for its parent).
alive() {
  local f=$STATE/$1.pid pid start
  [[ -f $f ]] || return 1
  read -r pid start <"$f" || return 1
  [[ -n $pid && -n $start && -d /proc/$pid ]] || return 1
  [[ $(proc_start "$pid") == "$start" ]] || return 1
  [[ $(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | awk '{print $1}') != Z ]]
}

recorded_pid() { local pid _; read -r pid _ <"$STATE/$1.pid"; echo "$pid"; }

# All descendants of a PID (velero's plugin processes), deepest last.
descendants() {
  local c
  for c in $(pgrep -P "$1" 2>/dev/null || true); do
    echo "$c"
    descendants "$c"
  done
}

# start NAME BINARY ARGS...: run in the background, output to $LOGS/NAME.log,
# PID and start time to $STATE/NAME.pid.
start() {
  local name=$1
  shift
  local bin=$1 a
  if [[ $bin == env ]]; then # `env VAR=value ... BINARY ARGS`: check BINARY
    for a in "${@:2}"; do [[ $a == *=* ]] || { bin=$a; break; }; done
  fi
  [[ -x $bin ]] || die "$bin is missing: run '$0 build' first"
  log "starting $name"
  # 9>&-: the child must not inherit (and so hold) the harness lock.
  "$@" >>"$LOGS/$name.log" 2>&1 </dev/null 9>&- &
  local pid=$!
  local start_time=""
  for _ in 1 2 3 4 5; do
    start_time=$(proc_start "$pid")
    [[ -n $start_time ]] && break
    sleep 0.1
  done
  echo "$pid $start_time" >"$STATE/$name.pid"
}

# stop NAME: TERM, wait up to 20 s, KILL; then the same for any descendant
# that outlived it. Only the recorded PID and its own children are touched.
stop() {
  local name=$1 f=$STATE/$1.pid
  [[ -f $f ]] || return 0
  if alive "$name"; then
    local pid kids
    pid=$(recorded_pid "$name")
    kids=$(descendants "$pid" | tr '\n' ' ')
    log "stopping $name (pid $pid${kids:+, children $kids})"
    kill -TERM "$pid" 2>/dev/null || true
    local i
    for ((i = 0; i < 200; i++)); do
      alive "$name" || break
      sleep 0.1
    done
    if alive "$name"; then
      log "$name did not stop after TERM: KILL"
      kill -KILL "$pid" 2>/dev/null || true
      for ((i = 0; i < 50; i++)); do
        alive "$name" || break
        sleep 0.1
      done
    fi
    local k
    for k in $kids; do
      [[ -d /proc/$k ]] || continue
      kill -TERM "$k" 2>/dev/null || true
    done
    for k in $kids; do
      for ((i = 0; i < 50; i++)); do
        [[ -d /proc/$k ]] || break
        sleep 0.1
      done
      if [[ -d /proc/$k ]]; then kill -KILL "$k" 2>/dev/null || true; fi
    done
  fi
  rm -f "$f"
}

# wait_for WHAT COMMAND...: poll COMMAND every 0.5 s until it succeeds or
# $TIMEOUT seconds pass; fail early if COMPONENT (global) has exited.
wait_for() {
  local what=$1 start=$SECONDS
  shift
  until "$@" >/dev/null 2>&1; do
    if [[ -n ${COMPONENT:-} ]] && ! alive "$COMPONENT"; then
      die "$COMPONENT exited while waiting for $what (see $LOGS/$COMPONENT.log)"
    fi
    ((SECONDS - start < TIMEOUT)) || die "timed out after ${TIMEOUT} s waiting for $what"
    sleep 0.5
  done
  log "$what ready after $((SECONDS - start)) s"
}

# Free TCP ports on 127.0.0.1, all distinct: bound together, then released.
free_ports() {
  python3 - "$1" <<'EOF'
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
for s in socks:
    s.close()
EOF
}

kubectl_() { "$KUBECTL" --kubeconfig "$STATE/kubeconfig" "$@"; }

print_logs() {
  local n=${1:-40} f
  [[ -d $LOGS ]] || return 0
  for f in "$LOGS"/*.log; do
    [[ -f $f ]] || continue
    printf '\n===== %s (last %s lines) =====\n' "$f" "$n" >&2
    tail -n "$n" "$f" >&2
  done
}

# ------------------------------------------------------------------- up ----

write_env() {
  local f=$STATE/env
  cat >"$f.tmp" <<EOF
# Written by test/e2e/cluster.sh up; KEY=value lines, no quoting (no value has spaces).
KUBECONFIG=$STATE/kubeconfig
E2E_KUBECONFIG=$STATE/kubeconfig
E2E_KUBECTL=$KUBECTL
E2E_VELERO=$VELERO
E2E_VELERO_NAMESPACE=$VELERO_NAMESPACE
E2E_APISERVER_URL=https://127.0.0.1:$APISERVER_PORT
E2E_APISERVER_PORT=$APISERVER_PORT
E2E_TOKEN=$TOKEN
E2E_ETCD_URL=http://127.0.0.1:$ETCD_PORT
E2E_ETCD_PORT=$ETCD_PORT
E2E_S3_URL=http://127.0.0.1:$MOTO_PORT
E2E_MOTO_PORT=$MOTO_PORT
E2E_BUCKET=$BUCKET
E2E_REGION=$REGION
E2E_AWS_SHARED_CREDENTIALS_FILE=$STATE/aws-credentials
E2E_MOTO_PYTHON=$MOTO_VENV/bin/python3
E2E_VELERO_METRICS_PORT=$VELERO_METRICS_PORT
E2E_VELERO_PROFILER_PORT=$VELERO_PROFILER_PORT
E2E_KCM_PORT=$KCM_PORT
E2E_STATE_DIR=$STATE
E2E_LOG_DIR=$LOGS
EOF
  mv "$f.tmp" "$f"
  # The same as JSON, for a test written in TypeScript.
  python3 - "$f" >"$f.json.tmp" <<'PY'
import json, sys
env = {}
for line in open(sys.argv[1]):
    if line.strip() and not line.startswith("#"):
        k, v = line.rstrip("\n").split("=", 1)
        env[k] = v
print(json.dumps(env, indent=2))
PY
  mv "$f.json.tmp" "$f.json"
}

load_env() {
  [[ -f $STATE/env ]] || die "no $STATE/env: run '$0 up' first"
  local k v
  while IFS='=' read -r k v; do
    [[ $k =~ ^[A-Z_0-9]+$ ]] || continue
    case $k in
    E2E_ETCD_PORT) ETCD_PORT=$v ;;
    E2E_APISERVER_PORT) APISERVER_PORT=$v ;;
    E2E_KCM_PORT) KCM_PORT=$v ;;
    E2E_MOTO_PORT) MOTO_PORT=$v ;;
    E2E_VELERO_METRICS_PORT) VELERO_METRICS_PORT=$v ;;
    E2E_VELERO_PROFILER_PORT) VELERO_PROFILER_PORT=$v ;;
    esac
  done <"$STATE/env"
}

make_credentials() {
  local pki=$STATE/pki
  mkdir -p "$pki"
  # Bearer token of a user in system:masters (cluster-admin through RBAC).
  echo "$TOKEN,e2e-admin,e2e-admin,\"system:masters\"" >"$STATE/tokens.csv"
  # Service-account token signing key.
  openssl genrsa -out "$pki/sa.key" 2048 2>/dev/null
  openssl rsa -in "$pki/sa.key" -pubout -out "$pki/sa.pub" 2>/dev/null
  # AWS credentials for velero's AWS plugin; moto accepts any.
  printf '[default]\naws_access_key_id=e2e-access-key\naws_secret_access_key=e2e-secret-key\n' >"$STATE/aws-credentials"
}

write_kubeconfig() {
  # The API server writes a self-signed serving certificate (and the CA that
  # signed it) to --cert-dir; the kubeconfig trusts that file.
  cat >"$STATE/kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: e2e
  cluster:
    server: https://127.0.0.1:$APISERVER_PORT
    certificate-authority: $STATE/pki/apiserver.crt
users:
- name: e2e-admin
  user:
    token: $TOKEN
contexts:
- name: e2e
  context:
    cluster: e2e
    user: e2e-admin
current-context: e2e
EOF
}

start_etcd() {
  COMPONENT=etcd
  mkdir -p "$STATE/etcd"
  start etcd "$(command -v etcd)" \
    --name e2e \
    --data-dir "$STATE/etcd" \
    --listen-client-urls "http://127.0.0.1:$ETCD_PORT" \
    --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
    --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster "e2e=http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster-state new \
    --logger zap \
    --log-outputs stderr
  wait_for etcd curl -fsS "http://127.0.0.1:$ETCD_PORT/health"
}

start_apiserver() {
  COMPONENT=kube-apiserver
  start kube-apiserver "$KUBE_APISERVER" \
    --etcd-servers "http://127.0.0.1:$ETCD_PORT" \
    --bind-address 127.0.0.1 \
    --advertise-address 127.0.0.1 \
    --secure-port "$APISERVER_PORT" \
    --cert-dir "$STATE/pki" \
    --token-auth-file "$STATE/tokens.csv" \
    --authorization-mode RBAC \
    --service-account-key-file "$STATE/pki/sa.pub" \
    --service-account-signing-key-file "$STATE/pki/sa.key" \
    --service-account-issuer https://kubernetes.default.svc \
    --service-cluster-ip-range "$SERVICE_CIDR" \
    --endpoint-reconciler-type none \
    --profiling=false
  wait_for "kube-apiserver /readyz" curl -fsS --cacert "$STATE/pki/apiserver.crt" \
    -H "Authorization: Bearer $TOKEN" "https://127.0.0.1:$APISERVER_PORT/readyz"
  write_kubeconfig
  wait_for "kubectl access" kubectl_ get namespace default
}

start_controller_manager() {
  COMPONENT=kube-controller-manager
  # Only the controllers that delete a namespace's content and then the
  # namespace (namespace), and dependents (garbage collector).
  start kube-controller-manager "$KUBE_CONTROLLER_MANAGER" \
    --kubeconfig "$STATE/kubeconfig" \
    --controllers namespace-controller,garbage-collector-controller \
    --bind-address 127.0.0.1 \
    --secure-port "$KCM_PORT" \
    --cert-dir "$STATE/pki-kcm" \
    --leader-elect=false \
    --profiling=false
  wait_for "kube-controller-manager /healthz" curl -fsSk "https://127.0.0.1:$KCM_PORT/healthz"
}

start_moto() {
  COMPONENT=moto
  start moto "$MOTO_SERVER" -H 127.0.0.1 -p "$MOTO_PORT"
  wait_for "moto" curl -fsS "http://127.0.0.1:$MOTO_PORT/moto-api/"
  "$MOTO_VENV/bin/python" - "http://127.0.0.1:$MOTO_PORT" "$BUCKET" "$REGION" <<'EOF'
import sys, boto3
url, bucket, region = sys.argv[1:]
s3 = boto3.client("s3", endpoint_url=url, region_name=region,
                  aws_access_key_id="e2e-access-key", aws_secret_access_key="e2e-secret-key")
if bucket not in [b["Name"] for b in s3.list_buckets().get("Buckets", [])]:
    s3.create_bucket(Bucket=bucket)
EOF
  log "bucket $BUCKET ready at http://127.0.0.1:$MOTO_PORT"
}

# Velero's CRDs: the five the library writes come from imports/velero-crds.yaml
# (Velero v1.18.1's own, generated by tools/velero-crds); velero server also
# refuses to start without the others (DownloadRequest, DataUpload, ...), which
# the velero binary itself prints (`velero install --crds-only --dry-run`).
prepare_velero_namespace() {
  COMPONENT=""
  kubectl_ apply --server-side -f "$REPO/imports/velero-crds.yaml" >/dev/null
  "$VELERO" install --crds-only --dry-run -o yaml | kubectl_ apply --server-side --force-conflicts -f - >/dev/null
  kubectl_ wait --for condition=Established --timeout "${TIMEOUT}s" crd -l component=velero >/dev/null
  kubectl_ wait --for condition=Established --timeout "${TIMEOUT}s" -f "$REPO/imports/velero-crds.yaml" >/dev/null
  kubectl_ apply -f - >/dev/null <<EOF
apiVersion: v1
kind: Namespace
metadata:
  name: $VELERO_NAMESPACE
---
# Stub: Velero's pod-volume restore action reads this Deployment (for the
# restore-helper image). No pod ever runs: the cluster has no nodes and no
# deployment controller.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: velero
  namespace: $VELERO_NAMESPACE
  labels:
    component: velero
spec:
  replicas: 0
  selector:
    matchLabels:
      component: velero
  template:
    metadata:
      labels:
        component: velero
    spec:
      containers:
      - name: velero
        image: velero/velero:$VELERO_VERSION
EOF
  log "velero CRDs, namespace $VELERO_NAMESPACE and stub deployment applied"
}

velero_ready() {
  # The metrics server starts with the controllers; the log line follows the
  # CRD check and controller setup.
  curl -fsS "http://127.0.0.1:$VELERO_METRICS_PORT/metrics" >/dev/null &&
    grep -q 'Server starting' "$LOGS/velero.log"
}

start_velero() {
  COMPONENT=velero
  [[ -x $AWS_PLUGIN ]] || die "$AWS_PLUGIN is missing: run '$0 build' first"
  # Absolute path: velero server re-executes argv[0] for its built-in plugins.
  # AWS_EC2_METADATA_DISABLED: the AWS SDK must never look for the instance
  # metadata service (169.254.169.254); the credentials come from the file.
  start velero env \
    AWS_SHARED_CREDENTIALS_FILE="$STATE/aws-credentials" \
    AWS_CONFIG_FILE=/dev/null \
    AWS_EC2_METADATA_DISABLED=true \
    VELERO_E2E_CONTROLLER_METRICS_ADDRESS=0 \
    HOME="$STATE/velero-home" \
    "$VELERO" server \
    --namespace "$VELERO_NAMESPACE" \
    --kubeconfig "$STATE/kubeconfig" \
    --plugin-dir "$AWS_PLUGIN_DIR" \
    --metrics-address "127.0.0.1:$VELERO_METRICS_PORT" \
    --profiler-address "127.0.0.1:$VELERO_PROFILER_PORT"
  wait_for "velero server" velero_ready
}

check_loopback_only() {
  # Every listening socket of our processes must be on 127.0.0.1.
  local pids="" n
  for n in "${COMPONENTS[@]}"; do
    if alive "$n"; then
      pids+=" $(recorded_pid "$n") $(descendants "$(recorded_pid "$n")" | tr '\n' ' ')"
    fi
  done
  local bad
  bad=$({ ss -Hltnp; ss -Hlunp; } | awk -v pids="$pids" '
    BEGIN { n = split(pids, p, " "); for (i = 1; i <= n; i++) want["pid=" p[i]] = 1 }
    { for (k in want) if (index($0, k ",")) { if ($4 !~ /^127\.0\.0\.1:/) print; break } }')
  if [[ -n $bad ]]; then
    log "listening beyond 127.0.0.1:"
    echo "$bad" >&2
    return 1
  fi
  log "all listening sockets are on 127.0.0.1"
}

cmd_up() {
  local with_velero=1
  [[ ${1:-} == --no-velero ]] && with_velero=""
  local t0=$SECONDS
  # A previous run that crashed: stop what it left, then start afresh.
  if [[ -d $STATE ]]; then
    log "state dir $STATE exists: stopping what it recorded"
    cmd_down
  fi
  mkdir -p "$STATE" "$LOGS" "$STATE/velero-home"
  rm -f "$LOGS"/*.log
  trap 'rc=$?; if ((rc != 0)); then log "up failed ($rc): log tails follow, then down"; print_logs 40; cmd_down; fi' EXIT

  read -r ETCD_PORT ETCD_PEER_PORT APISERVER_PORT KCM_PORT MOTO_PORT VELERO_METRICS_PORT VELERO_PROFILER_PORT \
    <<<"$(free_ports 7)"
  make_credentials
  write_env
  start_etcd
  start_apiserver
  start_controller_manager
  start_moto
  prepare_velero_namespace
  if [[ -n $with_velero ]]; then
    start_velero
  fi
  check_loopback_only
  trap - EXIT
  log "up in $((SECONDS - t0)) s; env: $STATE/env"
}

cmd_velero_up() {
  load_env
  alive kube-apiserver || die "the cluster is not up"
  alive velero && { log "velero server already runs"; return; }
  trap 'rc=$?; if ((rc != 0)); then log "velero-up failed ($rc)"; print_logs 40; stop velero; fi' EXIT
  start_velero
  check_loopback_only
  trap - EXIT
}

cmd_down() {
  local i
  for ((i = ${#COMPONENTS[@]} - 1; i >= 0; i--)); do
    stop "${COMPONENTS[i]}"
  done
  if [[ -d $STATE ]]; then
    rm -rf "$STATE"
    log "down: state removed"
  fi
}

cmd_status() {
  local n
  for n in "${COMPONENTS[@]}"; do
    if alive "$n"; then
      echo "$n: running (pid $(recorded_pid "$n"))"
    elif [[ -f $STATE/$n.pid ]]; then
      echo "$n: exited"
    else
      echo "$n: not started"
    fi
  done
}

# One harness command at a time on a cache dir (`down` inside `up` is the same
# process and needs no second lock). The processes it starts do not inherit
# the lock's file descriptor (see `start`).
lock() { # FILE SECONDS
  mkdir -p "$CACHE"
  exec 9>"$CACHE/$1"
  flock -w "$2" 9 || die "another cluster.sh still holds $CACHE/$1 after $2 s"
}

# An interrupted command still runs its EXIT trap (cleanup on failure).
trap 'exit 130' INT
trap 'exit 143' TERM

case ${1:-} in
build) lock .build.lock 1800 ;;
up | velero-up | velero-down | down) lock .run.lock 300 ;;
esac
case ${1:-} in
build) cmd_build ;;
up) cmd_up "${2:-}" ;;
velero-up) cmd_velero_up ;;
velero-down) stop velero ;;
down) cmd_down ;;
logs) print_logs "${2:-40}" ;;
status) cmd_status ;;
*)
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0" >&2
  exit 2
  ;;
esac
