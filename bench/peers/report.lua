-- wrk script of bench/peers.sh. The request comes from the environment: WRK_METHOD (default GET), WRK_BODY, and
-- WRK_HEADERS as "name: value" pairs separated by ";". done() prints one line the script parses:
--   RESULT p50_ms p99_ms requests_per_s requests errors
-- where errors counts socket errors, timeouts and non-2xx/3xx answers (a row with errors measured something else).
local method = os.getenv("WRK_METHOD")
if method and method ~= "" then wrk.method = method end
local body = os.getenv("WRK_BODY")
if body and body ~= "" then wrk.body = body end
for name, value in string.gmatch(os.getenv("WRK_HEADERS") or "", "%s*([^:;]+):%s*([^;]*)") do
  wrk.headers[name] = value
end

done = function(summary, latency, requests)
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.timeout + e.status
  io.write(string.format("RESULT %.3f %.3f %.1f %d %d\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6), summary.requests, errors))
end
