-- wrk's URL mix (bench/varnish.mjs): every other request to one of the popular pages, the others
-- to the tail, each picked at random. The list comes as the script's argument: a file of lines
-- "p /path" (popular) or "t /path" (tail). Each of wrk's threads runs its own copy. A second
-- argument, a number of milliseconds, paces it: each connection waits that long after each
-- answer before asking again, so the readers ask at a steady rate below what the cache can
-- serve (as on a site in production) instead of as fast as it answers.
local popular, tail = {}, {}
local n = 0

function init(args)
  for line in io.lines(args[1]) do
    local kind, path = line:match("^(%a) (.+)$")
    if kind == "p" then table.insert(popular, path) elseif kind == "t" then table.insert(tail, path) end
  end
  local pause = tonumber(args[2] or "")
  if pause and pause > 0 then
    -- wrk looks for `delay` after init: defined only when paced.
    delay = function() return pause end
  end
  -- A different sequence per thread.
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)"), 16) % 100000)
end

function request()
  n = n + 1
  local list = (n % 2 == 0 and #popular > 0) and popular or tail
  return wrk.format(nil, list[math.random(#list)])
end
