#!/usr/bin/env bash
# One command to run the tests: dependencies and Chromium, then every unit, integration and browser
# test on PGlite, and on PostgreSQL too when TEST_DATABASE_URL is set. Ends with "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
# Debian packages the tests drive: Chromium, Mosquitto, ffmpeg (installed here when missing; needs apt and root).
bash scripts/ensure-system-packages.sh
results="$(mktemp)"
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json="$results" "$@" || status=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
' "$results" || true
rm -f "$results"
exit "$status"
