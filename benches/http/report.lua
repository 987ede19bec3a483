-- wrk reporter for benches/http/bench.py: one "JSON {...}" line with the figures the report needs.
-- No response() callback (that would make wrk run Lua on every response and lower the measurable
-- ceiling); answers with status >= 400 are counted by wrk itself (summary.errors.status).
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'JSON {"requests":%d,"bytes":%d,"duration_us":%d,"rps":%.1f,"p50_us":%d,"p99_us":%d,"max_us":%d,' ..
    '"non2xx":%d,"connect":%d,"read":%d,"write":%d,"timeout":%d}\n',
    summary.requests, summary.bytes, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(99), latency.max,
    e.status, e.connect, e.read, e.write, e.timeout))
end
