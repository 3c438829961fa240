-- GET /postback (server to server): rotates real click ids and a unique order_id per request, with the advertiser token.
package.path = (os.getenv("BENCH_WRK_DIR") or ".") .. "/?.lua;" .. package.path
local common = require("common")
local token = os.getenv("BENCH_TOKEN") or ""

common.rotate(function(id, order)
  return "/postback?click_id=" .. id .. "&goal=purchase&amount=10&order_id=" .. order .. "&token=" .. token
end)
