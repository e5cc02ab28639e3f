# Shared by the conformance and fuzzing scripts: start the built server on loopback with its
# embedded database (PostgreSQL + DocumentDB + FerretDB 2, under a temporary DATA_DIR), stop
# it (and so the database) on exit. Source it, then call `start_loopback_server <database name>`;
# it sets $port (the server), $token (a SCIM bearer token of tenant "default") and
# $admin_token (a session of that tenant's administrator).
started=$(date +%s)
elapsed() { echo "$(($(date +%s) - started))s"; }
say() { printf '\n=== %s (%s)\n' "$1" "$(elapsed)"; }

work=$(mktemp -d "${TMPDIR:-/tmp}/loopback-server.XXXXXX")
server_pid=''
stop() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
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

start_loopback_server() {
  local database=$1
  say "server"
  npm run --silent build
  port=$(free_port)
  token=$(random_text 32)
  local admin_password
  admin_password=$(random_text 24)
  PORT=$port HOST=127.0.0.1 PUBLIC_BASE_URL="http://127.0.0.1:$port" NODE_ENV=test \
    DATA_DIR="$work/$database" SCIM_BOOTSTRAP_TOKEN=$token \
    ADMIN_BOOTSTRAP_EMAIL=ci-admin@example.test ADMIN_BOOTSTRAP_PASSWORD="$admin_password" \
    APP_SECRET="$(random_text 48)" EMAIL_TRANSPORT=outbox LOG_LEVEL=warn \
    node dist/src/main.js >"$work/server.log" 2>&1 &
  server_pid=$!
  wait_for server "$work/server.log" "$server_pid" curl -fsS "http://127.0.0.1:$port/readyz"
  admin_token=$(curl -fsS -H 'Content-Type: application/json' \
    -d "{\"email\":\"ci-admin@example.test\",\"password\":\"$admin_password\"}" \
    "http://127.0.0.1:$port/api/auth/sign-in" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')
  [ -n "$admin_token" ] || { echo "could not sign in the CI administrator" >&2; exit 1; }
}
