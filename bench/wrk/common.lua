-- Shared by the bench's wrk scripts: a pool of real click ids (one per line in $BENCH_CLICK_IDS) and order ids unique
-- across threads and runs ($BENCH_TAG-<thread>-<n>), so each pixel or postback request is a new conversion.
local M = {}

function M.load_ids()
  local path = os.getenv("BENCH_CLICK_IDS")
  local ids = {}
  if path then
    for line in io.lines(path) do
      if #line > 0 then ids[#ids + 1] = line end
    end
  end
  if #ids == 0 then ids[1] = "none" end
  return ids
end

-- Defines wrk's setup/init/request so that each request is path(next click id, next unique order id).
function M.rotate(path)
  local threads = 0
  setup = function(thread)
    threads = threads + 1
    thread:set("tid", threads)
  end
  local tag = os.getenv("BENCH_TAG") or "run"
  local ids, n, i
  init = function(args)
    ids = M.load_ids()
    n = 0
    i = ((tid or 1) * 7919) % #ids
  end
  -- BENCH_PACE_MS: each connection waits that long before each request, so that a fixed number of connections
  -- offers a bounded rate (about connections * 1000 / (pace + latency)) instead of as much as the server takes.
  local pace = tonumber(os.getenv("BENCH_PACE_MS") or "")
  if pace and pace > 0 then delay = function() return pace end end
  request = function()
    n = n + 1
    i = i % #ids + 1
    return wrk.format("GET", path(ids[i], tag .. "-" .. (tid or 1) .. "-" .. n))
  end
end

return M
