#!/usr/bin/env bash
# Sets up the repository and runs every test: the type check, lint and the
# formatting check, then all Jest tests of every package and plugin
# (non-watch), then the plugins built as published and checked
# (scripts/check-packages.js). Needs only Node >= 20, npm
# and the npm registry; scripts/setup.sh installs Node 24 into .tools/ and the
# dependencies into node_modules/.
#
# Database tests run on SQLite and on PostgreSQL (Backstage's TestDatabases).
# PostgreSQL must answer on 127.0.0.1:5432 as user `postgres` without a
# password: the script starts the local cluster if it is installed but down,
# and installs it with apt-get when it is missing and we are root.
# Environment:
#   CI=true                     immutable install (what .ci/run uses)
#   BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
#                               use this PostgreSQL instead of the local one
#   SKIP_POSTGRES=1             run the database tests on SQLite only
#   SKIP_E2E=1                  skip the end-to-end browser test (test/e2e)
#
# Last, the end-to-end test (yarn e2e, test/e2e/app.e2e.ts) starts the
# backend and the app and drives Debian's Chromium through them; chromium is
# installed with apt-get when missing and we are root.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

step() { printf '\n==> %s\n' "$*"; }
elapsed() { printf '    (%ss)\n' "$((SECONDS - $1))"; }
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"
  else return 1
  fi
}

# ---------------------------------------------------------------- setup
t=$SECONDS
step "Setup (scripts/setup.sh)"
bash scripts/setup.sh
source scripts/env.sh
elapsed "$t"

# ---------------------------------------------------------------- PostgreSQL
# The variable name comes from @backstage/backend-test-utils (allDatabases in
# dist/database/types): id POSTGRES_15 reads
# BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING. With Docker disabled,
# TestDatabases only offers the ids whose variable is set, plus SQLITE_3.
export BACKSTAGE_TEST_DISABLE_DOCKER=1
PG_VAR=BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
PG_URL_DEFAULT=postgresql://postgres@127.0.0.1:5432

pg_ready() {
  if command -v pg_isready >/dev/null 2>&1; then
    pg_isready -q -h 127.0.0.1 -p 5432 >/dev/null 2>&1
  else
    (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null
  fi
}

start_local_postgres() {
  if ! command -v pg_isready >/dev/null 2>&1 || ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    if command -v apt-get >/dev/null 2>&1 && as_root true 2>/dev/null; then
      echo "    PostgreSQL is not installed: installing it with apt-get"
      as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
      # A cluster we just created: let local tests connect as postgres over
      # TCP without a password (first matching pg_hba line wins).
      for hba in /etc/postgresql/*/main/pg_hba.conf; do
        as_root sed -i '1i host all all 127.0.0.1/32 trust' "$hba"
      done
    else
      echo "    PostgreSQL is not installed and cannot be installed here (needs apt-get and root)." >&2
      return 1
    fi
  fi
  local version
  for version in $(ls /etc/postgresql); do
    # Exits 2 when the cluster already runs: that is fine.
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  done
  local i
  for i in $(seq 1 30); do
    pg_ready && return 0
    sleep 1
  done
  return 1
}

t=$SECONDS
if [ "${SKIP_POSTGRES:-}" = 1 ]; then
  step "PostgreSQL: skipped (SKIP_POSTGRES=1), database tests run on SQLite only"
  unset "$PG_VAR"
elif [ -n "${!PG_VAR:-}" ]; then
  step "PostgreSQL: using $PG_VAR from the environment"
else
  step "PostgreSQL on 127.0.0.1:5432"
  if pg_ready; then
    echo "    already running"
  elif start_local_postgres; then
    echo "    started"
  else
    echo "test: PostgreSQL is not reachable on 127.0.0.1:5432." >&2
    echo "      Start it, set $PG_VAR, or run with SKIP_POSTGRES=1." >&2
    exit 1
  fi
  export "$PG_VAR=$PG_URL_DEFAULT"
  if command -v psql >/dev/null 2>&1; then
    if ! server="$(psql "${!PG_VAR}/postgres" -XAtc 'SHOW server_version' 2>&1)"; then
      echo "test: cannot connect to ${!PG_VAR} as postgres: $server" >&2
      exit 1
    fi
    echo "    server version $server"
  fi
fi
if [ -n "${!PG_VAR:-}" ]; then echo "    $PG_VAR=${!PG_VAR}"; fi
elapsed "$t"

# ---------------------------------------------------------------- type check
t=$SECONDS
step "Type check (yarn tsc)"
yarn tsc
echo "    no type errors"
elapsed "$t"

# ---------------------------------------------------------------- lint
t=$SECONDS
step "Lint (yarn backstage-cli repo lint)"
yarn backstage-cli repo lint
echo "    no lint errors"

step "Formatting (yarn prettier:check)"
yarn prettier:check
elapsed "$t"

# ---------------------------------------------------------------- Jest
t=$SECONDS
step "Tests (CI=true yarn backstage-cli repo test)"
log="$(mktemp "${TMPDIR:-/tmp}/infra-compliance-test.XXXXXX")"
trap 'rm -f "$log"' EXIT
status=0
CI=true yarn backstage-cli repo test 2>&1 | tee "$log" || status=$?
elapsed "$t"

# ---------------------------------------------------------------- packages
# The plugins as an adopter installs them from the registry: built as
# published, then checked for modules and types loaded from undeclared
# packages and for entry points left out of the packed package
# (scripts/check-packages.js, on what `yarn pack` writes),
# and the CLI run as installed, its report of examples/ the same as from
# source (scripts/smoke-published-cli.js).
t=$SECONDS
step "Packages as published (backstage-cli package build, scripts/check-packages.js, scripts/smoke-published-cli.js)"
packages_status=0
for plugin in plugins/*/; do
  (cd "$plugin" && yarn backstage-cli package build >/dev/null) || {
    echo "    build of $plugin FAILED" >&2
    packages_status=1
  }
done
if [ "$packages_status" = 0 ]; then
  node scripts/check-packages.js || packages_status=$?
  node scripts/smoke-published-cli.js || packages_status=$?
fi
elapsed "$t"

# ---------------------------------------------------------------- end-to-end
# Debian's Chromium, driven by playwright-core (never `playwright install`,
# which downloads browsers from outside the registry).
CHROMIUM=/usr/bin/chromium
t=$SECONDS
e2e_status=0
e2e_result="skipped"
if [ "${SKIP_E2E:-}" = 1 ]; then
  step "End-to-end test: skipped (SKIP_E2E=1)"
else
  step "End-to-end test (yarn e2e)"
  can_install=false
  if command -v apt-get >/dev/null 2>&1 && as_root true 2>/dev/null; then
    can_install=true
  fi
  if [ ! -x "$CHROMIUM" ] && [ "$can_install" = true ]; then
    echo "    $CHROMIUM is missing: installing Debian's chromium with apt-get"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq || true
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || true
  fi
  if [ -x "$CHROMIUM" ]; then
    e2e_log="$(mktemp "${TMPDIR:-/tmp}/infra-compliance-e2e.XXXXXX")"
    yarn e2e 2>&1 | tee "$e2e_log" || e2e_status=$?
    e2e_result="$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$e2e_log" | tail -1 || true)"
    e2e_result="${e2e_result:-no result (exit $e2e_status)}"
    rm -f "$e2e_log"
  elif [ "$can_install" = true ]; then
    echo "    could not install chromium with apt-get" >&2
    e2e_status=1
    e2e_result="FAILED: chromium could not be installed"
  else
    echo "    SKIPPED: $CHROMIUM is missing and cannot be installed here (needs apt-get and root)."
  fi
fi
elapsed "$t"

# Repeat the summaries at the very end, after any noisy test output.
step "Summary"
if ! grep -E '^(Test Suites|Tests|Snapshots|Time):' "$log"; then
  echo "    (Jest printed no summary: no test files were found)"
fi
echo "End-to-end: $e2e_result"
if [ "$status" = 0 ] && [ "$e2e_status" = 0 ] && [ "$packages_status" = 0 ]; then
  echo "All checks passed."
  exit 0
fi
[ "$status" = 0 ] || echo "Jest tests FAILED (exit $status)." >&2
[ "$e2e_status" = 0 ] || echo "End-to-end test FAILED (exit $e2e_status)." >&2
[ "$packages_status" = 0 ] || echo "Packages as published FAILED (see above)." >&2
exit 1
