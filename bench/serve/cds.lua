-- POST /cds-services/{id}: a patient-view call whose prefetch holds 50 observations (the body
-- is written by the harness to CDS_BODY).
local key = os.getenv("GALEN_KEY")
local model = os.getenv("GALEN_MODEL") or "in-hospital-mortality"
local file = assert(io.open(os.getenv("CDS_BODY"), "r"))
wrk.body = file:read("*a")
file:close()
wrk.method = "POST"
wrk.path = "/cds-services/" .. model
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Api-Key"] = key
dofile(debug.getinfo(1, "S").source:sub(2):match("(.*/)") .. "pacing.lua")
