-- POST /api/models/{id}/predict with one task row's features and "reasons": 3 (the body is written
-- by the harness to PREDICT_BODY). Paced: each connection waits DELAY_MS between requests (wrk 4
-- has no -R), so the rate is about connections × 1000 / DELAY_MS.
local key = os.getenv("GALEN_KEY")
local model = os.getenv("GALEN_MODEL") or "in-hospital-mortality"
local file = assert(io.open(os.getenv("PREDICT_BODY"), "r"))
wrk.body = file:read("*a")
file:close()
wrk.method = "POST"
wrk.path = "/api/models/" .. model .. "/predict"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Api-Key"] = key
dofile(debug.getinfo(1, "S").source:sub(2):match("(.*/)") .. "pacing.lua")
