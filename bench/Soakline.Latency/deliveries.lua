-- wrk script of the latency program (WrkLoad.cs): replays pre-signed webhook deliveries, each one once.
-- Arguments: the deliveries file (one a line: event, delivery id, signature, body; tab-separated), the expected
-- status, and how many answers each thread measures. Thread i sends lines i, i+n, i+2n, ... of the file; once it has
-- its answers it stops and says so, so no delivery is sent twice (a copy would be answered "duplicate", a different cost).
-- done() prints one line the latency program reads.
local threads = {}

function setup(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
end

function init(args)
  local file, threadCount = args[1], tonumber(args[4])
  expected = tonumber(args[2])
  wanted = tonumber(args[3])
  requests = {}
  local line_number = 0
  for line in io.lines(file) do
    if line_number % threadCount == index then
      local event, delivery, signature, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
      requests[#requests + 1] = wrk.format("POST", "/api/github/webhook", {
        ["Content-Type"] = "application/json",
        ["X-GitHub-Event"] = event,
        ["X-GitHub-Delivery"] = delivery,
        ["X-Hub-Signature-256"] = signature,
      }, body)
    end
    line_number = line_number + 1
  end
  sent, answered, unexpected, ran_out = 0, 0, 0, 0
end

function request()
  sent = sent + 1
  if sent > #requests then
    -- More connections than spare deliveries: never expected (the program writes enough), and reported if it happens.
    ran_out = ran_out + 1
  end
  return requests[((sent - 1) % #requests) + 1]
end

function response(status, headers, body)
  answered = answered + 1
  if status ~= expected then
    unexpected = unexpected + 1
  end
  if answered == wanted then
    -- wrk itself runs for its whole -d; the program ends it (SIGINT) once every thread has said this.
    io.write("SOAKLINE thread done\n")
    io.flush()
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local unexpected_total, ran_out_total = 0, 0
  for _, thread in ipairs(threads) do
    unexpected_total = unexpected_total + thread:get("unexpected")
    ran_out_total = ran_out_total + thread:get("ran_out")
  end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("SOAKLINE requests=%d p50_us=%d p99_us=%d max_us=%d duration_us=%d unexpected=%d ran_out=%d errors=%d\n",
    summary.requests, latency:percentile(50), latency:percentile(99), latency.max, summary.duration,
    unexpected_total, ran_out_total, errors))
end
