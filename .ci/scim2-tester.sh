#!/usr/bin/env bash
# RFC 7643/7644 compliance run: starts the built server (and its embedded database) on loopback, runs
# scim2-tester (https://pypi.org/project/scim2-tester/) against /scim/v2 with a bootstrap
# token, prints every check, and exits non-zero when a check reports ERROR, CRITICAL or a
# DEVIATION that is not listed by name in DELIBERATE_DEVIATIONS below (with its reason), so a new
# deviation fails CI. Both processes are stopped on exit.
#
#   .ci/scim2-tester.sh                 # build, start, test, stop
#   SCIM2_TESTER_TAGS=discovery,crud .ci/scim2-tester.sh
set -euo pipefail
cd "$(dirname "$0")/.."

SCIM2_TESTER_VERSION=0.5.2
# shellcheck source=lib/loopback-server.sh
. .ci/lib/loopback-server.sh

say "scim2-tester $SCIM2_TESTER_VERSION"
venv="${SCIM2_TESTER_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/scim2-tester-$SCIM2_TESTER_VERSION}"
if ! "$venv/bin/python" -c 'import scim2_tester, httpx2' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check \
    "scim2-tester[httpx2]==$SCIM2_TESTER_VERSION"
fi
"$venv/bin/pip" show scim2-tester scim2-client scim2-models 2>/dev/null | grep -E '^(Name|Version):' | paste - -

start_loopback_server scim2tester

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

# Deviations we chose, by "[resource type] check title" as printed below, each with its reason
# (docs/scim-compliance.md has the requirement behind it). Empty: 0.5.2 reports none.
DELIBERATE_DEVIATIONS: dict[str, str] = {}


def name_of(r):
    return f"[{r.resource_type}] {r.title}" if r.resource_type else r.title


def fails(r):
    if r.status in {Status.ERROR, Status.CRITICAL}:
        return True
    return r.status == Status.DEVIATION and name_of(r) not in DELIBERATE_DEVIATIONS


http = Client(
    base_url=os.environ["SCIM_URL"],
    headers={"Authorization": f"Bearer {os.environ['SCIM_TOKEN']}"},
    timeout=30,
)
results = check_server(SyncSCIMClient(http), include_tags=tags or None)

for r in results:
    print(f"{r.status.name:<10} {name_of(r)}")
    if fails(r) or r.status == Status.DEVIATION:
        print(f"           {r.reason}")
        if name_of(r) in DELIBERATE_DEVIATIONS:
            print(f"           deliberate: {DELIBERATE_DEVIATIONS[name_of(r)]}")
        if r.data is not None:
            print(f"           data: {str(r.data)[:600]}")

counts = Counter(r.status.name for r in results)
print("\n" + ", ".join(f"{n} {name}" for name, n in sorted(counts.items())))
seen = {name_of(r) for r in results if r.status == Status.DEVIATION}
for name in sorted(set(DELIBERATE_DEVIATIONS) - seen):
    print(f"note: deliberate deviation {name!r} was not reported; remove it from the list")
failures = [r for r in results if fails(r)]
print(f"{len(failures)} failing check(s) out of {len(results)}")
sys.exit(1 if failures else 0)
PYTHON

if [ "$status" -ne 0 ]; then
  echo "--- server log (warnings and errors) ---"
  tail -n 50 "$work/server.log"
fi
say "done: exit $status"
exit "$status"
