-- wrk script: POSTs pre-signed Daily webhooks from FILE (lines: timestamp<TAB>signature<TAB>body), each thread
-- its own share of the lines, each line once. Prints one RESULT JSON line when done.
local file = os.getenv("FILE")
local counter = 1
local started = 0

-- each thread's Lua state gets its own global "tid"
setup = function(thread)
  thread:set("tid", started)
  started = started + 1
end

init = function(args)
  lines = {}
  local n = 0
  for line in io.lines(file) do
    if n % tonumber(os.getenv("THREADS")) == tid then
      table.insert(lines, line)
    end
    n = n + 1
  end
  wrk.method = "POST"
  wrk.path = "/v1/daily/webhook"
end

request = function()
  local line = lines[counter]
  if line == nil then
    line = lines[#lines]
  end
  counter = counter + 1
  local ts, sig, body = line:match("([^\t]+)\t([^\t]+)\t(.*)")
  return wrk.format("POST", "/v1/daily/webhook",
    {["Content-Type"] = "application/json", ["X-Webhook-Timestamp"] = ts, ["X-Webhook-Signature"] = sig}, body)
end

done = function(summary, latency, requests)
  io.write(string.format('RESULT {"requests":%d,"seconds":%.3f,"rps":%.1f,"p50_ms":%.2f,"p99_ms":%.2f,"max_ms":%.2f,"non_2xx":%d,"socket_errors":%d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
