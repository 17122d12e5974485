-- wrk's URL mix (bench/varnish.mjs): every other request to one of the popular pages, the others
-- to the tail, each picked at random. The list comes as the script's argument: a file of lines
-- "p /path" (popular) or "t /path" (tail). Each of wrk's threads runs its own copy.
local popular, tail = {}, {}
local n = 0

function init(args)
  for line in io.lines(args[1]) do
    local kind, path = line:match("^(%a) (.+)$")
    if kind == "p" then table.insert(popular, path) elseif kind == "t" then table.insert(tail, path) end
  end
  -- A different sequence per thread.
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)"), 16) % 100000)
end

function request()
  n = n + 1
  local list = (n % 2 == 0 and #popular > 0) and popular or tail
  return wrk.format(nil, list[math.random(#list)])
end
