#!/usr/bin/env bash
# Prints the folder holding a Node 24 `node` binary (the runtime the action declares, runs.using: node24): the
# running Node when it is 24, otherwise the platform's package from the npm registry, cached under .cache/.
# The choice is made in scripts/node24.mjs (tested in __tests__/project/node24.test.ts). NODE24_VERSION pins the
# package version.
set -euo pipefail
if ! command -v node >/dev/null 2>&1; then
  echo "node24: no node on PATH; install Node 24 (nodejs.org, nvm, fnm, Homebrew) and run this again" >&2
  exit 1
fi
exec node "$(dirname "$0")/node24.mjs"
