#!/usr/bin/env bash
# Sets up the repository (scripts/setup.sh), then starts Backstage for local
# use with app-config.yaml: the app on http://localhost:3000 and the backend on
# http://localhost:7007, persistent SQLite under .data/sqlite, the example
# catalog (examples/). Sign in as guest. Stop with Ctrl-C.
# Arguments are passed on to `backstage-cli repo start`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh
source scripts/env.sh

echo "start: app http://localhost:3000, backend http://localhost:7007 (Ctrl-C to stop)"
exec node "$YARN_JS" start "$@"
