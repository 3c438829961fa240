-- GET /p/{offer}.gif (image pixel): rotates real click ids (click_id parameter) and a unique order_id per request.
package.path = (os.getenv("BENCH_WRK_DIR") or ".") .. "/?.lua;" .. package.path
local common = require("common")
local offer = os.getenv("BENCH_OFFER") or "1"

common.rotate(function(id, order)
  return "/p/" .. offer .. ".gif?goal=purchase&amount=10&order_id=" .. order .. "&click_id=" .. id
end)
