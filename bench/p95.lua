-- wrk script: print one JSON line with requests/s, p50/p95 latency (ms) and errors.
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format('{"rps": %.1f, "p50_ms": %.2f, "p95_ms": %.2f, "errors": %d, "requests": %d}\n',
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, errors, summary.requests))
end
