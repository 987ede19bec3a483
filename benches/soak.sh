#!/usr/bin/env bash
# Soak test (not part of CI): high-concurrency load on loopback for DURATION seconds (default 300),
# with a live reload (SIGHUP, alternating two valid stores) every RELOAD_EVERY seconds.
# Passes when no request failed (no socket errors, no non-2xx) and resident memory at the end is
# within 10 % of resident memory after warm-up. Prints the figures for the README.
#
#   bash benches/soak.sh            # 5 minutes
#   DURATION=60 bash benches/soak.sh
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-300}
RELOAD_EVERY=${RELOAD_EVERY:-15}
CONNECTIONS=${CONNECTIONS:-128}
THREADS=${THREADS:-2}
PORT=${PORT:-18099}
base="http://127.0.0.1:$PORT"
work=$(mktemp -d)

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
cargo build --release --locked --quiet

# Two valid stores that differ, so every reload changes the snapshot.
cp data/facts.json "$work/a.json"
python3 - "$work/a.json" "$work/b.json" <<'PY'
import json, sys
facts = json.load(open(sys.argv[1]))
facts["claims"] = facts["claims"][1:]
json.dump(facts, open(sys.argv[2], "w"), ensure_ascii=False, indent=2)
PY
cp "$work/a.json" "$work/facts.json"

target/release/newsfacts serve --addr "127.0.0.1:$PORT" --data "$work/facts.json" --log-format json \
  2>"$work/server.log" &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 50); do curl -fsS "$base/readyz" >/dev/null 2>&1 && break; sleep 0.1; done

cat >"$work/mix.lua" <<'LUA'
local paths = {
  "/v1/claims/clm_221f1809bd7b",
  "/v1/entities/NCCIA",
  "/v1/claims?entity=pakistan&kind=count&amount_gte=100&sort=amount_desc&page_size=20",
  "/v1/claims?q=smugglers",
  "/v1/articles",
  "/v1/entities?page_size=5",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
local non2xx = 0
response = function(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d non2xx=%d connect=%d read=%d write=%d timeout=%d status=%d p50_ms=%.2f p99_ms=%.2f rps=%.0f\n",
    summary.requests, non2xx, e.connect, e.read, e.write, e.timeout, e.status,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests / (summary.duration / 1e6)))
end
LUA

rss() { awk '/VmRSS/ {print $2}' "/proc/$server/status"; }
echo "warm-up: 20 s"
wrk -t "$THREADS" -c "$CONNECTIONS" -d 20s -s "$work/mix.lua" "$base" | grep RESULT
rss_warm=$(rss)

echo "soak: ${DURATION} s at $CONNECTIONS connections, reload every ${RELOAD_EVERY} s"
wrk -t "$THREADS" -c "$CONNECTIONS" -d "${DURATION}s" --timeout 5s -s "$work/mix.lua" "$base" >"$work/wrk.out" &
load=$!
reloads=0
while kill -0 $load 2>/dev/null; do
  sleep "$RELOAD_EVERY"
  kill -0 $load 2>/dev/null || break
  if [ $((reloads % 2)) = 0 ]; then cp "$work/b.json" "$work/facts.json.tmp"; else cp "$work/a.json" "$work/facts.json.tmp"; fi
  mv "$work/facts.json.tmp" "$work/facts.json"
  kill -HUP $server
  reloads=$((reloads + 1))
done
wait $load
rss_end=$(rss)
result=$(grep RESULT "$work/wrk.out")
echo "$result"
reloaded=$(grep -c '"message":"store reloaded"' "$work/server.log" || true)
echo "reloads sent=$reloads applied=$reloaded"
echo "rss_kib after warm-up=$rss_warm at end=$rss_end"

fail=0
for field in non2xx connect read write timeout status; do
  value=$(sed -E "s/.* $field=([0-9]+).*/\1/" <<<"$result")
  [ "$value" = 0 ] || { echo "FAIL: $field=$value"; fail=1; }
done
[ "$reloaded" = "$reloads" ] || { echo "FAIL: $reloads reloads sent, $reloaded applied"; fail=1; }
awk -v w="$rss_warm" -v e="$rss_end" 'BEGIN { d = (e - w) / w; printf "rss change %.1f %%\n", d * 100; exit (d > 0.10 || d < -0.10) }' \
  || { echo "FAIL: resident memory changed by more than 10 %"; fail=1; }
[ $fail = 0 ] && echo "PASS"
exit $fail
