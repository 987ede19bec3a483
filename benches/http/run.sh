#!/usr/bin/env bash
# HTTP benchmark (not part of CI except SMOKE=1): throughput and latency of newsfacts on loopback, next to
# the ceiling (a bare actix-web endpoint returning a body of the same size, with the same request
# logging) and, optionally, json-server and Datasette serving the same store. Writes a Markdown report.
#
#   bash benches/http/run.sh                      # embedded store, with peers, 10 s x 3 runs per query
#   STORE=/tmp/big.json bash benches/http/run.sh  # a store file (e.g. from examples/synth_store.rs)
#   SYNTH_CLAIMS=1000000 bash benches/http/run.sh # generate a synthetic store first (100,000 articles x 10)
#   SMOKE=1 bash benches/http/run.sh              # tiny synthetic store, 1 s per query, no peers (CI)
#
# Environment (defaults in brackets):
#   DURATION [10; SMOKE 1]  seconds per measurement     RUNS [3; SMOKE 1]   runs per query (medians)
#   CONNECTIONS [64]        concurrent connections      PEERS [1 for the embedded store, else 0]
#   STORE                   store file to serve         SYNTH_CLAIMS        generate a store of this many
#   SEED [42]               synthetic store seed                            claims (10 per article) instead
#   DEEP_OFFSET [20000]     items skipped before the deep page             STARTUP_RUNS [10; SMOKE 3]
#   OUT [benches/http/results.md; with STORE or SYNTH_CLAIMS benches/http/results-synthetic.md;
#        SMOKE target/bench-http/results-smoke.md]                              BASE_PORT [18200]
#   ENTITY, ACRONYM, TEXT_QUERY, AMOUNT_GTE, AMOUNT_LTE, CLAIM_ID: override the query parameters
#
# Tools are pinned: wrk 4.1.0 from Debian (apt, when missing); json-server (npm) and Datasette with
# sqlite-utils (a venv) installed under .tools/ on first use. THREADS [2; PIN 1]: wrk threads.
# PIN [0]: 1 runs every server under load on core 0 (so each starts one worker) and wrk on core 1, so
# that the load generator never takes the server's core; startup is measured unpinned either way.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
tools="$root/.tools"
WRK_VERSION=4.1.0-3+b2
JSON_SERVER_VERSION=0.17.4
DATASETTE_VERSION=0.65.5
SQLITE_UTILS_VERSION=4.2.1
SMOKE=${SMOKE:-0}
timed() { # timed LABEL CMD...: wall time and peak RSS when /usr/bin/time exists
  local label=$1; shift
  if [ -x /usr/bin/time ]; then /usr/bin/time -f "$label: %e s wall, %M KiB max RSS" "$@"; else "$@"; fi
}
step() { printf '[run.sh %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

work="$root/target/bench-http"
mkdir -p "$work"
if [ "$SMOKE" = 1 ]; then
  default_out="$work/results-smoke.md"
elif [ -n "${STORE:-}" ] || [ -n "${SYNTH_CLAIMS:-}" ]; then
  default_out="$root/benches/http/results-synthetic.md"
else
  default_out="$root/benches/http/results.md"
fi
OUT=${OUT:-$default_out}

# --- tools ---------------------------------------------------------------------------------------------
# The load generator is Debian's wrk, pinned. (oha 1.16.0 was tried first: `cargo install --no-default-features`
# does not compile, and with its default TLS features it is a long build on two cores.)
WRK=${WRK:-$(command -v wrk || true)}
if [ -z "$WRK" ]; then
  step "installing wrk $WRK_VERSION (apt)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "wrk=$WRK_VERSION" >/dev/null ||
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  WRK=$(command -v wrk)
fi
WRK_VERSION=$(dpkg-query -W -f '${Version}' wrk 2>/dev/null || echo "$WRK_VERSION")
PEERS=${PEERS:-}
if [ -z "$PEERS" ]; then
  if [ "$SMOKE" = 1 ] || [ -n "${STORE:-}" ] || [ -n "${SYNTH_CLAIMS:-}" ]; then PEERS=0; else PEERS=1; fi
fi
if [ "$PEERS" = 1 ]; then
  if [ ! -x "$tools/peers-npm/node_modules/.bin/json-server" ]; then
    step "installing json-server $JSON_SERVER_VERSION into .tools/peers-npm"
    mkdir -p "$tools/peers-npm"
    (cd "$tools/peers-npm" && npm init -y >/dev/null &&
      npm install --silent --no-fund --no-audit "json-server@$JSON_SERVER_VERSION")
  fi
  if [ ! -x "$tools/peers-venv/bin/datasette" ] || [ ! -x "$tools/peers-venv/bin/sqlite-utils" ]; then
    step "installing datasette $DATASETTE_VERSION and sqlite-utils $SQLITE_UTILS_VERSION into .tools/peers-venv"
    python3 -m venv "$tools/peers-venv"
    "$tools/peers-venv/bin/pip" install --quiet "datasette==$DATASETTE_VERSION" "sqlite-utils==$SQLITE_UTILS_VERSION"
  fi
fi

# --- builds --------------------------------------------------------------------------------------------
step "cargo build --release (newsfacts, examples ceiling and synth_store)"
cargo build --release --locked --quiet --bin newsfacts --example ceiling --example synth_store
BIN="$root/target/release/newsfacts"

# --- store ---------------------------------------------------------------------------------------------
STORE_FILE=${STORE:-}
SYNTHETIC=0
if [ "$SMOKE" = 1 ] && [ -z "$STORE_FILE" ]; then
  SYNTH_CLAIMS=${SYNTH_CLAIMS:-1000}
fi
if [ -n "${SYNTH_CLAIMS:-}" ]; then
  articles=$(( (SYNTH_CLAIMS + 9) / 10 ))
  STORE_FILE="$work/synth-${SYNTH_CLAIMS}-seed${SEED:-42}.json"
  step "generating $STORE_FILE ($articles articles x 10 claims)"
  timed synth_store "$root/target/release/examples/synth_store" --articles "$articles" --claims-per-article 10 \
    --seed "${SEED:-42}" --out "$STORE_FILE"
  step "validating it"
  timed validate "$BIN" validate "$STORE_FILE"
  SYNTHETIC=1
elif [ -n "$STORE_FILE" ] && grep -q '"synth-' <(head -c 4096 "$STORE_FILE"); then
  SYNTHETIC=1
fi

# --- measure -------------------------------------------------------------------------------------------
cmd="bash benches/http/run.sh"
for v in SMOKE STORE SYNTH_CLAIMS SEED DURATION RUNS CONNECTIONS PEERS DEEP_OFFSET PIN; do
  if [ -n "${!v:-}" ]; then cmd="$v=${!v} $cmd"; fi
done
export SMOKE PEERS OUT WRK BIN STORE_FILE SYNTHETIC WRK_VERSION
export WORK="$work" TOOLS="$tools" CEILING_BIN="$root/target/release/examples/ceiling" COMMAND="$cmd"
unset RUST_LOG
step "measuring (report: $OUT)"
python3 "$root/benches/http/bench.py"
