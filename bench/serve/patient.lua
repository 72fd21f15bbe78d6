-- GET /api/patients/{id}/risk: a store patient's current risk with 3 reasons and the trend over
-- their earlier stays, from the model in GALEN_MODEL (the harness serves the ts-gru under it).
local key = os.getenv("GALEN_KEY")
local model = os.getenv("GALEN_MODEL")
local patient = os.getenv("GALEN_PATIENT")
local pause = tonumber(os.getenv("DELAY_MS") or "200")
wrk.method = "GET"
wrk.path = "/api/patients/" .. patient .. "/risk?model=" .. model .. "&reasons=3"
wrk.headers["X-Api-Key"] = key
function delay() return pause end
