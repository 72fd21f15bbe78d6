-- GET /api/whoami: authenticated, no model work. The baseline for the prediction's overhead.
local key = os.getenv("GALEN_KEY")
local pause = tonumber(os.getenv("DELAY_MS") or "20")
wrk.method = "GET"
wrk.path = "/api/whoami"
wrk.headers["X-Api-Key"] = key
function delay() return pause end
