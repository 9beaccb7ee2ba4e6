-- GET /api/ask with visitors' questions in turn, so no answer is a repeat of the last.
dofile("benchmarks/wrk_summary.lua")

local questions = {
  "how do I become a project manager with no experience",
  "is PRINCE2 worth it",
  "what does a PMO do",
  "am I too old to start in project management at 50",
  "how much does a project manager earn in the UK",
  "APM PMQ or PRINCE2 practitioner, which first",
  "what is the difference between agile and waterfall",
  "do I need a degree to be a project manager",
}
local counter = 0

function request()
  counter = counter + 1
  local question = questions[(counter % #questions) + 1]
  return wrk.format("GET", "/api/ask?q=" .. question:gsub(" ", "+"))
end
