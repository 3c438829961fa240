-- GET /c/{offer}?aff_id={aff}&sub1=demo : the demo tracking link, every request a new click.
local offer = os.getenv("BENCH_OFFER") or "1"
local aff = os.getenv("BENCH_AFF") or "1"
local path = "/c/" .. offer .. "?aff_id=" .. aff .. "&sub1=demo"

request = function()
  return wrk.format("GET", path)
end
