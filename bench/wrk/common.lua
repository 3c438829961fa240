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

return M
