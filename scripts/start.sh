#!/usr/bin/env bash
# One command to run the product: dependencies, the web app build, the embedded database with the
# demo province (loaded on first start), and the server on the port it prints (PORT, default 8080).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
if [ ! -f apps/web/dist/index.html ] || [ -n "$(find apps/web/src apps/web/index.html -newer apps/web/dist/index.html -print -quit)" ]; then
  npm run build:web
fi
exec apps/server/bin/ioc serve --demo "$@"
