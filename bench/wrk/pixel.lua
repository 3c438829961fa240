-- GET /p/{offer}.gif (image pixel): rotates real click ids (click_id parameter) and a unique order_id per request.
package.path = (os.getenv("BENCH_WRK_DIR") or ".") .. "/?.lua;" .. package.path
local common = require("common")

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local offer = os.getenv("BENCH_OFFER") or "1"
local token = os.getenv("BENCH_TOKEN") or ""
local tag = os.getenv("BENCH_TAG") or "run"
local ids, n, i

function init(args)
  ids = common.load_ids()
  n = 0
  i = ((tid or 1) * 7919) % #ids
end

PATH = function(id, order)
  return "/p/" .. offer .. ".gif?goal=purchase&amount=10&order_id=" .. order .. "&click_id=" .. id
end

request = function()
  n = n + 1
  i = i % #ids + 1
  local order = tag .. "-" .. (tid or 1) .. "-" .. n
  return wrk.format("GET", PATH(ids[i], order))
end
