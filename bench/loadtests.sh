#!/bin/bash
# The meeting load test of issue 17, as measured for bench/results/*-loadtest.md:
#   bench/loadtests.sh LABEL [SCALE...]      (default scales: 1 100; run `python -m fxdash bench` first,
#                                            it builds the demo databases under bench/data/)
# For each scale: a copy of the bench database, `streamlit run app.py` on it (localhost), 20 sessions opening
# overview, weekly, reports as the demo admin; at scale 1 a second round while a 100,000-row CLI import
# publishes a new version of the same database. The server is stopped afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
label=${1:?usage: bench/loadtests.sh LABEL [SCALE...]}
shift
scales=("${@:-1 100}")
out=bench/results/$label-loadtest.md
port=${FXDASH_LOADTEST_PORT:-8765}
export FXDASH_LOADTEST_USER=demo-admin FXDASH_LOADTEST_PASSWORD=demo-admin-2026

serve() {  # serve SCALE DIR: copy the bench database into DIR, start the server there
  local src=bench/data/demo-s$1-2026-03-18.duckdb
  rm -rf "$2" && mkdir -p "$2"
  cp "$src" "$2/app.duckdb"
  cp "${src%.duckdb}.ops.sqlite3" "$2/app.ops.sqlite3"
  FXDASH_DB=$2/app.duckdb FXDASH_STORE=$2/app.ops.sqlite3 FXDASH_AS_OF=2026-03-18 FXDASH_IMPORTS=$2/imports \
    FXDASH_BOUNDARIES=${BENCH_BOUNDARIES:-../shared/data/geo/fengxian_towns.geojson} \
    timeout 1800 python -m streamlit run app.py --server.headless true --server.port "$port" \
    --server.address 127.0.0.1 --browser.gatherUsageStats false --server.fileWatcherType none \
    > "$2/server.log" 2>&1 &
  server=$!
  for _ in $(seq 120); do curl -sf "http://127.0.0.1:$port/_stcore/health" > /dev/null && return; sleep 0.5; done
  echo "server did not start" >&2; exit 1
}

run() {  # run TITLE: one load test, its output appended to the results
  { echo; echo "### $1 — $(date -u '+%H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg)"; echo; echo '```'
    timeout 900 python -m fxdash loadtest --sessions 20 --pages overview,weekly,reports \
      --url "http://127.0.0.1:$port" --timeout 600 || true
    echo '```'; } | tee -a "$out"
}

echo "# Load test $label ($(git rev-parse --short HEAD))" > "$out"
for scale in ${scales[@]}; do
  dir=bench/data/load-s$scale
  serve "$scale" "$dir"
  run "scale $scale, 20 sessions (first: cold caches)"
  run "scale $scale, 20 sessions again (warm caches)"
  if [ "$scale" = 1 ]; then
    python -c "from fxdash import bench_data; bench_data.reports_file()"
    FXDASH_STORE=$dir/app.ops.sqlite3 FXDASH_IMPORTS=$dir/imports timeout 900 python -m fxdash import \
      --table reports --db "$dir/app.duckdb" --user bench bench/data/reports-100000.csv > "$dir/import.log" 2>&1 &
    importer=$!
    run "scale 1, 20 sessions while a 100,000-row import runs"
    if kill -0 $importer 2> /dev/null; then echo "(the import was still running at the end)" | tee -a "$out"; fi
    wait $importer || echo "import failed: $(tail -1 "$dir/import.log")" | tee -a "$out"
  fi
  kill $server; wait $server 2> /dev/null || true
done
