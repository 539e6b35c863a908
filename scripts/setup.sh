#!/usr/bin/env bash
# Installs everything the project needs inside the repository (git-ignored):
# Node 24 under .tools/ and the workspace's dependencies under node_modules/.
# Safe to run again: each step is skipped when already done.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"

if ! "$REPO_ROOT/.tools/node_modules/.bin/node" --version 2>/dev/null | grep -q '^v24\.'; then
  echo "setup: installing Node 24 into .tools/"
  npm install --prefix .tools --no-save --no-package-lock --no-audit --no-fund node@24 >/dev/null
  export npm_config_nodedir="$NODE_HEADERS_DIR"
fi
echo "setup: node $(node --version)"

install_flags=()
if [ "${CI:-}" = "true" ]; then install_flags+=(--immutable); fi
echo "setup: yarn install ${install_flags[*]:-}"
yarn install "${install_flags[@]}"
