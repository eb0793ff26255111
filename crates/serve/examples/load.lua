-- wrk script for the rasad serve load test (see load.sh and load/main.rs).
-- Environment: LOAD_TARGETS = the targets file (endpoint<TAB>path lines, from
-- `load prepare`), LOAD_CLASS = one endpoint or "all" for the whole mix.
-- Prints one table row in the same columns as the Rust load example.

local class = os.getenv("LOAD_CLASS") or "all"
local paths = {}
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(os.getenv("LOAD_TARGETS")) do
    local c, p = line:match("^(%S+)\t(.+)$")
    if c and (class == "all" or class == c) then
      paths[#paths + 1] = p
    end
  end
  if #paths == 0 then
    error("no targets for " .. class)
  end
  math.randomseed(1000 + id)
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

function done(summary, latency, requests)
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.status + e.timeout
  local secs = summary.duration / 1e6
  io.write(string.format("%-10s %8d %8.0f %8.2f %8.2f %8.2f %8.2f %7d\n",
    class, summary.requests, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, errors))
end
