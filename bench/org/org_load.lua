-- wrk script of bench/org/org_load.py. Arguments (after wrk's "--"): MODE KEYS_FILE TOKEN [PATH]
--   MODE retrieve: GET /services/data/v62.0/sobjects/Collection_Account__c/<random Id>
--   MODE query:    GET /services/data/v62.0/query?q=SELECT+Id,Name,Balance__c+FROM+
--                  Collection_Account__c+WHERE+External_Id__c=%27<random external Id>%27
--   MODE static:   GET <PATH>?k=<random Id> (nginx ignores the query string; the random key keeps
--                  the client's work per request the same as in the other modes)
-- KEYS_FILE holds "<Id> <External_Id__c>" per line (recoup_bench_org_server --keys-out). Each wrk
-- thread draws keys uniformly from its own seeded sequence, so no two runs hit one cached record.
-- No response() callback: wrk then skips handing every response to Lua, which would cost more than
-- the server's work. done() prints one line "ORG_LOAD_RESULT {json}" that org_load.py parses.

local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_index", thread_count)
end

local mode, prefix, suffix
local keys = {}
local key_count = 0

function init(args)
  mode = args[1]
  local keys_file, token, static_path = args[2], args[3], args[4]
  if mode ~= "retrieve" and mode ~= "query" and mode ~= "static" then
    error("org_load.lua: MODE must be retrieve, query or static, got " .. tostring(mode))
  end
  local column = (mode == "query") and 2 or 1
  for line in io.lines(keys_file) do
    local id, ext = line:match("^(%S+) (%S+)$")
    if id then
      key_count = key_count + 1
      keys[key_count] = (column == 1) and id or ext
    end
  end
  if key_count == 0 then error("org_load.lua: no keys in " .. keys_file) end
  if mode == "retrieve" then
    prefix, suffix = "/services/data/v62.0/sobjects/Collection_Account__c/", ""
  elseif mode == "query" then
    prefix = "/services/data/v62.0/query?q=SELECT+Id,Name,Balance__c+FROM+Collection_Account__c" ..
             "+WHERE+External_Id__c%3D%27"
    suffix = "%27"
  else
    prefix, suffix = static_path .. "?k=", ""
  end
  wrk.headers["Authorization"] = "Bearer " .. token
  math.randomseed(7919 * (thread_index or 1))
end

function request()
  return wrk.format("GET", prefix .. keys[math.random(key_count)] .. suffix)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'ORG_LOAD_RESULT {"requests":%d,"duration_us":%d,"bytes":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_us":{"mean":%.1f,"stdev":%.1f,"max":%d,"p50":%d,"p90":%d,"p99":%d,"p999":%d}}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency.stdev, latency.max, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency:percentile(99.9)))
end
