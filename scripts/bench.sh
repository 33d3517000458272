#!/usr/bin/env bash
# npm run bench [name …]: every benchmark (apps/server/bench/*.bench.ts, apps/web/test/*.bench.ts),
# or only the named ones (e.g. `npm run bench overview`). Each prints its figures next to a
# baseline measured in the same run and writes its section of docs/PERFORMANCE.md.
# BENCH_SCALE (default 1) scales the data; BENCH_REPORT=- writes no report; BENCH_DATABASE_URL
# adds PostgreSQL where a benchmark supports it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
bash scripts/ensure-system-packages.sh >/dev/null 2>&1
mapfile -t all < <(ls apps/server/bench/*.bench.ts apps/web/test/*.bench.ts)
selected=()
for file in "${all[@]}"; do
  name="$(basename "$file" .bench.ts)"
  if [ $# -eq 0 ] || [[ " $* " == *" $name "* ]]; then selected+=("$file"); fi
done
if [ ${#selected[@]} -eq 0 ]; then
  echo "Không có benchmark nào tên: $* / no such benchmark. Có / available: $(printf '%s ' "${all[@]}" | xargs -n1 basename | sed 's/.bench.ts//' | tr '\n' ' ')" >&2
  exit 2
fi
for file in "${selected[@]}"; do
  echo "== $(basename "$file" .bench.ts) =="
  node --import tsx "$file"
done
