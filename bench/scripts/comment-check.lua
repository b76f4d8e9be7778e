-- wrk script for bench/load.sh: POSTs Akismet comment-check forms as WordPress sends them, with
-- varied content (ham and spam, 80-400 characters, links in about half), from a pool built once.
-- Env: WINNOW_KEY (required), WINNOW_BLOG (default http://bench.example.org), WINNOW_POOL (default 2000).

local key = os.getenv("WINNOW_KEY") or error("WINNOW_KEY is not set")
local blog = os.getenv("WINNOW_BLOG") or "http://bench.example.org"
local pool_size = tonumber(os.getenv("WINNOW_POOL") or "2000")

local ham_words = { "thanks", "article", "really", "helpful", "tried", "approach", "server", "garden", "recipe",
  "question", "version", "chapter", "because", "weekend", "example", "library", "bicycle", "kernel", "museum",
  "photo", "agree", "disagree", "interesting", "detail", "results", "compile", "release", "teacher", "river" }
local spam_words = { "cheap", "casino", "bonus", "pills", "loan", "discount", "free", "winner", "forex", "crypto",
  "followers", "replica", "offer", "click", "instant", "guaranteed", "jackpot", "slots", "viagra", "deal" }
local ham_links = { "https://en.wikipedia.org/wiki/Spam_(electronic)", "https://github.com/example/repo/pull/7",
  "https://lwn.net/Articles/1000/", "https://docs.example.org/guide#setup" }
local spam_links = { "http://cheap-pills.example.ru/buy", "https://bit.ly/3xYzAbC", "http://casino-bonus.example.top/?r=9",
  "www.fast-loans.example.biz", "http://replica.example.cn/watches" }
local agents = { "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
  "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148" }

local function urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local function sentence(words, n)
  local t = {}
  for i = 1, n do t[i] = words[math.random(#words)] end
  return table.concat(t, " ")
end

local function form(fields)
  local parts = {}
  for i = 1, #fields, 2 do parts[#parts + 1] = fields[i] .. "=" .. urlencode(fields[i + 1]) end
  return table.concat(parts, "&")
end

local bodies = {}

function init(args)
  -- Each wrk thread builds its own pool; seed differs per thread so the pools differ.
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)"), 16) % 100000)
  for i = 1, pool_size do
    local spam = math.random() < 0.4
    local words = spam and spam_words or ham_words
    local text = sentence(words, math.random(12, 60)) .. " #" .. i .. "-" .. math.random(1e9)
    if math.random() < 0.5 then
      local links = spam and spam_links or ham_links
      text = text .. " " .. links[math.random(#links)]
    end
    local n = math.random(1e6)
    bodies[i] = form({
      "api_key", key, "blog", blog, "blog_lang", "en_US", "blog_charset", "UTF-8",
      "user_ip", "198.51.100." .. (n % 250), "user_agent", agents[math.random(#agents)],
      "referrer", blog .. "/2026/11/post-" .. (n % 40) .. "/",
      "permalink", blog .. "/2026/11/post-" .. (n % 40) .. "/", "comment_type", "comment",
      "comment_author", spam and ("Best Deals " .. n) or ("reader" .. n),
      "comment_author_email", (spam and "promo" or "me") .. n .. "@example.net",
      "comment_author_url", spam and "http://deals.example.top" or "",
      "comment_content", text,
      "POST_ak_js", tostring(1764000000000 + n), "comment_post_ID", tostring(n % 40),
    })
  end
end

local headers = { ["Content-Type"] = "application/x-www-form-urlencoded; charset=UTF-8",
                  ["User-Agent"] = "WordPress/6.8 | Akismet/5.4" }
local counter = 0

function request()
  counter = counter + 1
  return wrk.format("POST", "/1.1/comment-check", headers, bodies[(counter % #bodies) + 1])
end

-- Machine-readable summary for load.sh (one line, on stdout after wrk's own report).
function done(summary, latency, requests)
  local secs = summary.duration / 1e6
  io.write(string.format("WRK_RESULT requests=%d seconds=%.2f rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f"
      .. " errors_connect=%d errors_read=%d errors_write=%d errors_status=%d errors_timeout=%d\n",
      summary.requests, secs, summary.requests / secs, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
      latency:percentile(99) / 1000, latency.max / 1000, summary.errors.connect, summary.errors.read,
      summary.errors.write, summary.errors.status, summary.errors.timeout))
end
