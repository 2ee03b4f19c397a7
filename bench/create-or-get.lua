-- wrk script: POST create-or-get. ROOMS rooms named PREFIX-0 .. PREFIX-(ROOMS-1), one picked per request in turn;
-- ALLOW_DUPLICATED=true measures the create path, false the reuse path. Prints one JSON line when done.
local prefix = os.getenv("PREFIX") or "bench"
local rooms = tonumber(os.getenv("ROOMS") or "1")
local allow = os.getenv("ALLOW_DUPLICATED") or "false"
local counter = 0

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"allow_duplicated":' .. allow .. '}'

request = function()
  counter = counter + 1
  local room = prefix .. "-" .. (counter % rooms)
  return wrk.format(nil, "/v1/rooms/" .. room .. "/meeting")
end

local failures = 0
response = function(status, headers, body)
  if status ~= 200 then failures = failures + 1 end
end

done = function(summary, latency, requests)
  local non2xx = summary.errors.status
  io.write(string.format('RESULT {"requests":%d,"seconds":%.3f,"rps":%.1f,"p50_ms":%.2f,"p99_ms":%.2f,"max_ms":%.2f,"non_2xx":%d,"socket_errors":%d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000, non2xx,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
