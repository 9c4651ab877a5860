/**
 * The Lua scripts behind RedisRoomState. Each runs atomically in Redis, which is what makes the
 * rules hold across nodes: capacity, "the first joiner creates the room", one holder per seat, a
 * grace period that ends exactly once. Times come from Redis's own clock (TIME), so nodes whose
 * clocks differ still agree on every deadline.
 *
 * Every script takes ARGV[1] = key prefix and ARGV[2] = grace period (ms); its own arguments follow.
 * Keys are built inside the scripts (so standalone Redis, not Redis Cluster):
 *
 *   room:<name>     hash   key, visibility, pw ('' = open), capacity, seq, chars (chat), admission
 *   members:<name>  hash   member id → "<seq>|<SeatRecord JSON>" (seq orders the members by joining)
 *   holders:<name>  hash   member id → "<node> <socket id>"; absent while the seat is in its grace period
 *   chat:<name>     list   "<length>|<ChatMessage JSON>", oldest first
 *   public          zset   public room name → members
 *   where           hash   member id → room name
 *   away            zset   member id → deadline of its grace period (ms)
 *   nodes           zset   node id → its last heartbeat (ms)
 *   node:<node>     set    ids of the members whose connection that node holds
 *   epoch           string when this Redis began holding Noom's state (ms): opens the rebuild window
 *   ended           set    ids of seats that ended within the rebuild window
 *   barred:<name>   set    addresses of members a host removed (their joins knock)
 *   knocks:<name>   hash   knock id → "<ms>|<node>|<nickname>" (the node holds the knocker)
 *   knocknode:<node> set   "<name>\t<knock id>" of the knocks that node holds
 *   knockrate:<addr> string knocks from that address in the current minute
 */

import { HOST_COMMON, HOST_SCRIPTS, type HostScriptName } from './redis-host-scripts.js'
import { TAKE } from './redis-take-script.js'

const COMMON = `
local P = ARGV[1]
local GRACE = tonumber(ARGV[2])
local K_PUBLIC, K_WHERE, K_AWAY, K_NODES = P .. 'public', P .. 'where', P .. 'away', P .. 'nodes'
local K_EPOCH, K_ENDED = P .. 'epoch', P .. 'ended'
local function k_room(name) return P .. 'room:' .. name end
local function k_members(name) return P .. 'members:' .. name end
local function k_holders(name) return P .. 'holders:' .. name end
local function k_chat(name) return P .. 'chat:' .. name end
local function k_node(node) return P .. 'node:' .. node end
local function k_barred(name) return P .. 'barred:' .. name end
local function k_knocks(name) return P .. 'knocks:' .. name end
local function k_knocknode(node) return P .. 'knocknode:' .. node end
local function node_of(holder) return string.match(holder, '^(%S+)') end
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

-- key, visibility, pw, capacity, member entries, chat entries, admission
local function room_view(name)
  local r = redis.call('HMGET', k_room(name), 'key', 'visibility', 'pw', 'capacity', 'admission')
  return { r[1], r[2], r[3] or '', tonumber(r[4]) or 0,
    redis.call('HVALS', k_members(name)), redis.call('LRANGE', k_chat(name), 0, -1), r[5] or 'open' }
end

${HOST_COMMON}
-- Gives the seat to holder; returns the previous holder or false.
local function set_holder(name, id, holder)
  local old = redis.call('HGET', k_holders(name), id)
  if old then redis.call('SREM', k_node(node_of(old)), id) end
  redis.call('HSET', k_holders(name), id, holder)
  redis.call('SADD', k_node(node_of(holder)), id)
  redis.call('ZREM', K_AWAY, id)
  return old
end

-- Ends a seat, handing the host role on; returns the room's key, visibility, pw, capacity,
-- admission, emptied (0/1) and the promoted member's JSON (or ''), or false when there was none.
local function remove_member(name, id, now)
  if redis.call('HDEL', k_members(name), id) == 0 then return false end
  local holder = redis.call('HGET', k_holders(name), id)
  if holder then
    redis.call('HDEL', k_holders(name), id)
    redis.call('SREM', k_node(node_of(holder)), id)
  end
  redis.call('HDEL', K_WHERE, id)
  redis.call('ZREM', K_AWAY, id)
  local r = redis.call('HMGET', k_room(name), 'key', 'visibility', 'pw', 'capacity', 'admission')
  local epoch = tonumber(redis.call('GET', K_EPOCH) or '0')
  if now - epoch < GRACE then
    redis.call('SADD', K_ENDED, id)
    redis.call('PEXPIREAT', K_ENDED, epoch + GRACE)
  end
  local emptied, promoted = 0, ''
  if redis.call('HLEN', k_members(name)) == 0 then
    redis.call('DEL', k_room(name), k_members(name), k_holders(name), k_chat(name), k_barred(name),
      k_knocks(name))
    redis.call('ZREM', K_PUBLIC, name)
    emptied = 1
  else
    if r[2] == 'public' then redis.call('ZINCRBY', K_PUBLIC, -1, name) end
    promoted = hand_over(name)
  end
  return { r[1], r[2], r[3] or '', tonumber(r[4]) or 0, r[5] or 'open', emptied, promoted }
end

-- A node is gone (or going): the seats its connections held start their grace period.
local function retire(node, deadline)
  for _, id in ipairs(redis.call('SMEMBERS', k_node(node))) do
    local name = redis.call('HGET', K_WHERE, id)
    local holder = name and redis.call('HGET', k_holders(name), id)
    if holder and node_of(holder) == node then
      redis.call('HDEL', k_holders(name), id)
      redis.call('ZADD', K_AWAY, deadline, id)
    end
  end
  redis.call('DEL', k_node(node))
  redis.call('ZREM', K_NODES, node)
end
`

/** ARGV: mode, name, key, visibility, pw, capacity, id, record JSON, holder, admission. */
const SEAT = `
local mode, name, key, id, holder = ARGV[3], ARGV[4], ARGV[5], ARGV[9], ARGV[11]
local current = redis.call('HGET', k_room(name), 'key')
if current and current ~= key and mode ~= 'create' then return { 'changed' } end
local present = current and redis.call('HEXISTS', k_members(name), id) == 1
if mode == 'create' then
  if current then return { 'changed' } end
elseif mode == 'join' then
  if not current then return { 'changed' } end
elseif mode == 'rebuild' then
  local epoch = tonumber(redis.call('GET', K_EPOCH) or '0')
  if present or now_ms() - epoch >= GRACE or redis.call('SISMEMBER', K_ENDED, id) == 1 then
    return { 'changed' }
  end
elseif present then -- reassert of a seat Redis still has
  local other = redis.call('HGET', k_holders(name), id)
  if other and other ~= holder then return { 'changed' } end
  set_holder(name, id, holder)
  redis.call('HSET', K_WHERE, id, name)
  return { 'seated', 0, room_view(name) }
end
local record = cjson.decode(ARGV[10])
if current then
  local capacity = tonumber(redis.call('HGET', k_room(name), 'capacity'))
  if redis.call('HLEN', k_members(name)) >= capacity then return { 'full', capacity } end
  if look_alike(name, id, record.skeleton) then return { 'taken' } end
else
  redis.call('HSET', k_room(name), 'key', key, 'visibility', ARGV[6], 'pw', ARGV[7],
    'capacity', ARGV[8], 'seq', 0, 'chars', 0, 'admission', ARGV[12])
  if ARGV[6] == 'public' then redis.call('ZADD', K_PUBLIC, 0, name) end
end
local seq = redis.call('HINCRBY', k_room(name), 'seq', 1)
redis.call('HSET', k_members(name), id, seq .. '|' .. ARGV[10])
hand_over(name)
redis.call('HSET', K_WHERE, id, name)
set_holder(name, id, holder)
if redis.call('HGET', k_room(name), 'visibility') == 'public' then
  redis.call('ZINCRBY', K_PUBLIC, 1, name)
end
return { 'seated', 1, room_view(name) }
`

/** ARGV: name, id, holder. Returns 1 when the seat's grace period began. */
const AWAY = `
local name, id, holder = ARGV[3], ARGV[4], ARGV[5]
if redis.call('HGET', k_holders(name), id) ~= holder then return 0 end
redis.call('HDEL', k_holders(name), id)
redis.call('SREM', k_node(node_of(holder)), id)
redis.call('ZADD', K_AWAY, now_ms() + GRACE, id)
return 1
`

/** ARGV: name, id. Returns the room as remove_member does, or { }. */
const REMOVE = `
return remove_member(ARGV[3], ARGV[4], now_ms()) or {}
`

/**
 * ARGV: node time-to-live (ms), most seats to end. Retires nodes whose heartbeat stopped (their
 * knockers' connections are gone: their knocks end), then ends seats whose grace period is over.
 * Returns { ended, withdrawn }: { name, id, ...remove_member's reply } for each seat, and
 * { name, knock id } for each knock.
 */
const SWEEP = `
local now = now_ms()
local withdrawn = {}
for _, node in ipairs(redis.call('ZRANGEBYSCORE', K_NODES, '-inf', now - tonumber(ARGV[3]))) do
  retire(node, now + GRACE)
  for _, entry in ipairs(redis.call('SMEMBERS', k_knocknode(node))) do
    local tab = string.find(entry, '\t', 1, true)
    local name, knock = string.sub(entry, 1, tab - 1), string.sub(entry, tab + 1)
    if redis.call('HDEL', k_knocks(name), knock) == 1 then table.insert(withdrawn, { name, knock }) end
  end
  redis.call('DEL', k_knocknode(node))
end
local ended = {}
for _, id in ipairs(redis.call('ZRANGEBYSCORE', K_AWAY, '-inf', now, 'LIMIT', 0, tonumber(ARGV[4]))) do
  redis.call('ZREM', K_AWAY, id)
  local name = redis.call('HGET', K_WHERE, id)
  if name and redis.call('HEXISTS', k_holders(name), id) == 0 then
    local room = remove_member(name, id, now)
    if room then
      table.insert(ended, { name, id, room[1], room[2], room[3], room[4], room[5], room[6], room[7] })
    end
  end
end
return { ended, withdrawn }
`

/** ARGV: node. Marks the node alive, and starts the epoch if this Redis has none (it was empty). */
const HEARTBEAT = `
local now = now_ms()
redis.call('ZADD', K_NODES, now, ARGV[3])
redis.call('SET', K_EPOCH, now, 'NX')
return now
`

/** ARGV: node. Hands the node's seats to their grace period (shutdown, or back from an outage). */
const RETIRE = `
retire(ARGV[3], now_ms() + GRACE)
return 1
`

/** ARGV: name, key, entry, its length, most messages, most characters. */
const MESSAGE = `
local name = ARGV[3]
if redis.call('HGET', k_room(name), 'key') ~= ARGV[4] then return 0 end
redis.call('RPUSH', k_chat(name), ARGV[5])
local chars = redis.call('HINCRBY', k_room(name), 'chars', tonumber(ARGV[6]))
local count = redis.call('LLEN', k_chat(name))
while count > tonumber(ARGV[7]) or chars > tonumber(ARGV[8]) do
  local oldest = redis.call('LPOP', k_chat(name))
  chars = redis.call('HINCRBY', k_room(name), 'chars', -tonumber(string.match(oldest, '^(%d+)|')))
  count = count - 1
end
return 1
`

/** ARGV: name, id, record JSON. Stores its media only (role and nickname have their own scripts). */
const UPDATE = `
local entry = redis.call('HGET', k_members(ARGV[3]), ARGV[4])
if not entry then return 0 end
local seq, record = entry_of(entry)
record.media = cjson.decode(ARGV[5]).media
store(ARGV[3], { id = ARGV[4], seq = seq, record = record })
return 1
`

/** ARGV: name, key. Returns the view, or { } when the room is gone or was made anew. */
const VIEW = `
if redis.call('HGET', k_room(ARGV[3]), 'key') ~= ARGV[4] then return {} end
return room_view(ARGV[3])
`

/** Every public room as { name, members, capacity, locked (0/1), admission }; the caller sorts. */
const PUBLIC_ROOMS = `
local rooms = {}
local all = redis.call('ZRANGE', K_PUBLIC, 0, -1, 'WITHSCORES')
for i = 1, #all, 2 do
  local r = redis.call('HMGET', k_room(all[i]), 'capacity', 'pw', 'admission')
  local locked = (r[2] and r[2] ~= '') and 1 or 0
  table.insert(rooms, { all[i], tonumber(all[i + 1]), tonumber(r[1]) or 0, locked, r[3] or 'open' })
end
return rooms
`

/** Script name → Lua source, each with the shared helpers in front. */
export const SCRIPTS = Object.fromEntries(
  Object.entries({
    SEAT,
    TAKE,
    AWAY,
    REMOVE,
    SWEEP,
    HEARTBEAT,
    RETIRE,
    MESSAGE,
    UPDATE,
    VIEW,
    PUBLIC_ROOMS,
    ...HOST_SCRIPTS,
  }).map(([name, body]) => [name, COMMON + body]),
) as Record<ScriptName, string>

export type ScriptName =
  | HostScriptName
  | 'SEAT'
  | 'TAKE'
  | 'AWAY'
  | 'REMOVE'
  | 'SWEEP'
  | 'HEARTBEAT'
  | 'RETIRE'
  | 'MESSAGE'
  | 'UPDATE'
  | 'VIEW'
  | 'PUBLIC_ROOMS'
