#!/usr/bin/env bash
# RFC 7643/7644 compliance run: starts FerretDB and the built server on loopback, runs
# scim2-tester (https://pypi.org/project/scim2-tester/) against /scim/v2 with a bootstrap
# token, prints every check, and exits non-zero when a check reports ERROR or CRITICAL
# (with SCIM2_TESTER_STRICT=1 also on DEVIATION). Both processes are stopped on exit.
#
#   .ci/scim2-tester.sh                 # build, start, test, stop
#   SCIM2_TESTER_TAGS=discovery,crud .ci/scim2-tester.sh
#   FERRETDB=/path/to/ferretdb .ci/scim2-tester.sh
set -euo pipefail
cd "$(dirname "$0")/.."

SCIM2_TESTER_VERSION=0.5.2
started=$(date +%s)
elapsed() { echo "$(($(date +%s) - started))s"; }
say() { printf '\n=== %s (%s)\n' "$1" "$(elapsed)"; }

work=$(mktemp -d "${TMPDIR:-/tmp}/scim2-tester.XXXXXX")
db_pid=''
server_pid=''
stop() {
  local pid
  for pid in "$server_pid" "$db_pid"; do
    [ -n "$pid" ] || continue
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap stop EXIT

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

random_text() {
  python3 -c "import secrets, sys; print(secrets.token_urlsafe(int(sys.argv[1]))[:int(sys.argv[1])])" "$1"
}

# Waits until a command succeeds; on timeout prints the log of the process that did not come up.
wait_for() {
  local what=$1 log=$2 pid=$3
  shift 3
  for _ in $(seq 1 120); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$what exited during start-up:" >&2
      cat "$log" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "$what did not become ready within 60 s:" >&2
  cat "$log" >&2
  exit 1
}

say "scim2-tester $SCIM2_TESTER_VERSION"
venv="${SCIM2_TESTER_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/scim2-tester-$SCIM2_TESTER_VERSION}"
if ! "$venv/bin/python" -c 'import scim2_tester, httpx2' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check \
    "scim2-tester[httpx2]==$SCIM2_TESTER_VERSION"
fi
"$venv/bin/pip" show scim2-tester scim2-client scim2-models 2>/dev/null | grep -E '^(Name|Version):' | paste - -

say "FerretDB"
ferretdb="${FERRETDB:-$(command -v ferretdb || echo "$(go env GOPATH 2>/dev/null)/bin/ferretdb")}"
if [ ! -x "$ferretdb" ]; then
  echo "no ferretdb binary (set FERRETDB, or run: npm run build && node dist/src/platform/db/install-ferretdb.js)" >&2
  exit 1
fi
db_port=$(free_port)
mkdir -p "$work/db" "$work/state"
"$ferretdb" --handler=sqlite --sqlite-url="file:$work/db/" --listen-addr="127.0.0.1:$db_port" \
  --state-dir="$work/state" --telemetry=disable --debug-addr=- --log-level=warn \
  >"$work/ferretdb.log" 2>&1 &
db_pid=$!
wait_for FerretDB "$work/ferretdb.log" "$db_pid" \
  python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1)' "$db_port"

say "server"
npm run --silent build
port=$(free_port)
token=$(random_text 32)
PORT=$port HOST=127.0.0.1 PUBLIC_BASE_URL="http://127.0.0.1:$port" NODE_ENV=test \
  MONGODB_URI="mongodb://127.0.0.1:$db_port/scim2tester" SCIM_BOOTSTRAP_TOKEN=$token \
  APP_SECRET="$(random_text 48)" EMAIL_TRANSPORT=outbox LOG_LEVEL=warn \
  node dist/src/main.js >"$work/server.log" 2>&1 &
server_pid=$!
wait_for server "$work/server.log" "$server_pid" curl -fsS "http://127.0.0.1:$port/readyz"

say "checks"
status=0
SCIM_URL="http://127.0.0.1:$port/scim/v2" SCIM_TOKEN=$token \
  "$venv/bin/python" - <<'PYTHON' || status=$?
import os
import sys
from collections import Counter

from httpx2 import Client
from scim2_client.engines.httpx2 import SyncSCIMClient
from scim2_tester import Status, check_server

tags = {t for t in os.environ.get("SCIM2_TESTER_TAGS", "").split(",") if t}
strict = os.environ.get("SCIM2_TESTER_STRICT") == "1"
failing = {Status.ERROR, Status.CRITICAL} | ({Status.DEVIATION} if strict else set())

http = Client(
    base_url=os.environ["SCIM_URL"],
    headers={"Authorization": f"Bearer {os.environ['SCIM_TOKEN']}"},
    timeout=30,
)
results = check_server(SyncSCIMClient(http), include_tags=tags or None)

for r in results:
    where = f"[{r.resource_type}] " if r.resource_type else ""
    print(f"{r.status.name:<10} {where}{r.title}")
    if r.status in failing or r.status == Status.DEVIATION:
        print(f"           {r.reason}")
        if r.data is not None:
            print(f"           data: {str(r.data)[:600]}")

counts = Counter(r.status.name for r in results)
print("\n" + ", ".join(f"{n} {name}" for name, n in sorted(counts.items())))
failures = [r for r in results if r.status in failing]
print(f"{len(failures)} failing check(s) out of {len(results)}")
sys.exit(1 if failures else 0)
PYTHON

if [ "$status" -ne 0 ]; then
  echo "--- server log (warnings and errors) ---"
  tail -n 50 "$work/server.log"
fi
say "done: exit $status"
exit "$status"
