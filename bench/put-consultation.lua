-- wrk script of bench/ingest-bench.sh: every request PUTs a new consultation (a distinct id per
-- thread and request), scheduled now, of a doctor and a patient that the bulk phase stored.
-- Arguments after "--": TOKEN RUN (RUN keeps ids distinct across runs on one database).

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

function init(args)
  token = args[1]
  run = args[2] or "0"
  counter = 0
end

function request()
  counter = counter + 1
  local now = os.date("!%Y-%m-%dT%H:%M:%SZ")
  local body = string.format(
    '{"doctor_id":"bd%d","patient_id":"bp0-%d-0","type":"video","status":"scheduled",' ..
    '"scheduled_at":"%s","fee":45.50,"updated_at":"%s"}',
    counter % 200, counter % 1000, now, now)
  return wrk.format("PUT", string.format("/api/v1/consultations/w%s-%d-%d", run, tid, counter),
    { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, body)
end
