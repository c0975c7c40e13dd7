#!/usr/bin/env bash
# Makes a fresh machine ready, then runs the given command: `bash scripts/setup.sh npm test`.
# - Node 22 LTS: uses the machine's node when it is 22.12 or newer, otherwise installs Node 22 from the npm
#   registry's `node` package into .tools/node (nothing else is downloaded) and puts it first on PATH.
# - Dependencies: `npm ci` when node_modules is missing or older than package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."

node_ok() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=12)?0:1)'
}

if ! node_ok; then
  prefix="$PWD/.tools/node"
  if [ ! -x "$prefix/node_modules/.bin/node" ]; then
    echo "setup: installing Node 22 into .tools/node" >&2
    npm install --prefix "$prefix" --no-save --no-package-lock --loglevel=error node@22 >/dev/null
  fi
  export PATH="$prefix/node_modules/.bin:$PATH"
  node_ok || { echo "setup: Node 22 could not be installed" >&2; exit 1; }
fi

export PUPPETEER_SKIP_DOWNLOAD=1
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing dependencies (npm ci)" >&2
  npm ci --loglevel=error
fi

if [ "$#" -gt 0 ]; then exec "$@"; fi
