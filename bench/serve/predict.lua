-- POST /api/models/{id}/predict with one JSON feature row. Paced: each connection waits
-- DELAY_MS between requests (wrk 4 has no -R), so the rate is about connections × 1000 / DELAY_MS.
local key = os.getenv("GALEN_KEY")
local model = os.getenv("GALEN_MODEL") or "bench"
local pause = tonumber(os.getenv("DELAY_MS") or "20")
wrk.method = "POST"
wrk.path = "/api/models/" .. model .. "/predict"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Api-Key"] = key
wrk.body = '{"features":{"obs_2160_0":0.4,"obs_2524_7":-0.2,"obs_8867_4":0.9,"obs_8480_6":-0.5,"obs_9279_1":0.1,"obs_8310_5":0.0,"obs_6690_2":0.3,"obs_2951_2":-0.7},"reasons":0}'
function delay() return pause end
