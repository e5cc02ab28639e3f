#!/usr/bin/env bash
# API fuzzing: starts the built server and its embedded database on loopback (as .ci/scim2-tester.sh does),
# runs schemathesis (https://pypi.org/project/schemathesis/) against /openapi.json with the
# SCIM bearer token, a fixed seed and a bounded budget, and exits non-zero on a server error
# or a response that does not match the document. Both processes are stopped on exit.
#
#   .ci/schemathesis.sh
#   SCHEMATHESIS_SEED=7 SCHEMATHESIS_MAX_EXAMPLES=50 .ci/schemathesis.sh
set -euo pipefail
cd "$(dirname "$0")/.."

SCHEMATHESIS_VERSION=3.39.16
SEED="${SCHEMATHESIS_SEED:-20240611}"
# About 60 operations x 35 examples (plus stateful links) = about 2000 requests.
MAX_EXAMPLES="${SCHEMATHESIS_MAX_EXAMPLES:-35}"
# shellcheck source=lib/loopback-server.sh
. .ci/lib/loopback-server.sh

say "schemathesis $SCHEMATHESIS_VERSION"
venv="${SCHEMATHESIS_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/schemathesis-$SCHEMATHESIS_VERSION}"
if ! "$venv/bin/schemathesis" --version >/dev/null 2>&1; then
  python3 -m venv "$venv"
  # hypothesis pinned: newer releases break schemathesis 3.x ("'many' object has no attribute 'more'").
  "$venv/bin/pip" install --quiet --disable-pip-version-check \
    "schemathesis==$SCHEMATHESIS_VERSION" "hypothesis==6.122.3"
fi

start_loopback_server schemathesis

say "checks (seed $SEED, max examples $MAX_EXAMPLES per operation)"
status=0
# /scim/v2/Me answers 501 Not Implemented on purpose (RFC 7644 §3.11: SCIM tokens belong to
# clients here, not users); not_a_server_error counts every 5xx, so it is described but not fuzzed.
fuzz() {
  "$venv/bin/schemathesis" run "http://127.0.0.1:$port/openapi.json" \
    --base-url "http://127.0.0.1:$port" \
    --header "Authorization: Bearer $1" --endpoint "$2" \
    --checks not_a_server_error,response_schema_conformance \
    --exclude-path-regex '^/scim/v2/Me' \
    --hypothesis-seed "$SEED" --hypothesis-max-examples "$MAX_EXAMPLES" \
    --hypothesis-derandomize --hypothesis-suppress-health-check all \
    --experimental=openapi-3.1 --request-timeout 10000 --workers 1 --no-color
}
# SCIM with the tenant's SCIM token; the administration API with an administrator's session.
fuzz "$token" '^/(scim|healthz|readyz|openapi|webhooks)' || status=$?
fuzz "$admin_token" '^/api/' || status=$?

if [ "$status" -ne 0 ]; then
  echo "--- server log (warnings and errors) ---"
  tail -n 50 "$work/server.log"
fi
say "done: exit $status"
exit "$status"
