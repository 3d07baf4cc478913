#!/usr/bin/env bash
# The whole test suite: type-check, then every jest test (unit specs next to the code, and the
# cross-cutting tests under test/). Starts the local PostgreSQL cluster when it is not running,
# because the PostgreSQL adapter, projection and fault tests need a real server.
set -uo pipefail
cd "$(dirname "$0")/.."

ensure_postgres() {
  if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then return 0; fi
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    echo "test: starting the local PostgreSQL cluster"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && return 0; sleep 1; done
  fi
  echo "test: PostgreSQL is not reachable on 127.0.0.1:5432 (PostgreSQL tests fail when CI=true, skip otherwise)"
}
ensure_postgres

echo "test: type-checking"
npx tsc -p tsconfig.json --noEmit || { echo "0 passed, 1 failed"; exit 1; }

results=$(mktemp)
npx jest --ci --maxWorkers=2 --json --outputFile="$results" "$@"
status=$?
# A plain closing line that any CI reader understands.
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`);
' "$results" 2>/dev/null || echo "0 passed, 1 failed"
rm -f "$results"
exit $status
