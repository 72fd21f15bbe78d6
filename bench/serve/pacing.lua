-- Pacing shared by the scripts: each connection waits DELAY_MS after each answer (wrk 4 has no
-- -R). With ARRIVALS=random the wait is exponentially distributed with that mean (seeded per wrk
-- thread), so the connections do not stay in lockstep sending one burst of calls per connection;
-- requests then arrive like independent users'.
local pause = tonumber(os.getenv("DELAY_MS") or "20")
local random = os.getenv("ARRIVALS") == "random"
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("number", threads)
end
function init(args)
  math.randomseed(7919 * (number or 1))
end
function delay()
  if random then
    return math.floor(-pause * math.log(1 - math.random()))
  end
  return pause
end
