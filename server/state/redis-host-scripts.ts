/**
 * The Lua scripts of protocol v1.1's host actions and knocks (see redis-scripts.ts for the keys
 * and ARGV[1..2]). Each checks the actor's role and makes its change in one step.
 */

/** Helpers of every script (spliced into redis-scripts.ts's COMMON): roles and skeletons. */
export const HOST_COMMON = `
-- A member entry "<seq>|<json>" as { seq, record }.
local function entry_of(entry)
  local bar = string.find(entry, '|', 1, true)
  return tonumber(string.sub(entry, 1, bar - 1)), cjson.decode(string.sub(entry, bar + 1))
end

local function is_host(name, id)
  local entry = redis.call('HGET', k_members(name), id)
  if not entry then return false end
  local _, record = entry_of(entry)
  return record.role == 'host'
end

-- The room's members as { id, seq, record }, longest-seated first.
local function members_of(name)
  local all = {}
  local flat = redis.call('HGETALL', k_members(name))
  for i = 1, #flat, 2 do
    local seq, record = entry_of(flat[i + 1])
    table.insert(all, { id = flat[i], seq = seq, record = record })
  end
  table.sort(all, function(a, b) return a.seq < b.seq end)
  return all
end

local function store(name, m)
  redis.call('HSET', k_members(name), m.id, m.seq .. '|' .. cjson.encode(m.record))
end

-- Whether a member other than id has this nickname skeleton.
local function look_alike(name, id, skeleton)
  for _, m in ipairs(members_of(name)) do
    if m.id ~= id and m.record.skeleton == skeleton then return true end
  end
  return false
end

-- When the room has no host, its longest-seated member becomes one; returns its JSON or ''.
local function hand_over(name)
  local all = members_of(name)
  for _, m in ipairs(all) do if m.record.role == 'host' then return '' end end
  local heir = all[1]
  if not heir then return '' end
  heir.record.role = 'host'
  store(name, heir)
  return cjson.encode(heir.record)
end
`

/** ARGV: name, id, nickname, skeleton. Returns 'taken' or 'ok'. */
const RENAME = `
local name, id = ARGV[3], ARGV[4]
local entry = redis.call('HGET', k_members(name), id)
if not entry then return 'ok' end
if look_alike(name, id, ARGV[6]) then return 'taken' end
local seq, record = entry_of(entry)
record.nickname, record.skeleton = ARGV[5], ARGV[6]
store(name, { id = id, seq = seq, record = record })
return 'ok'
`

/**
 * ARGV: name, key, actor, admission ('' = keep), visibility ('' = keep), password ('keep', 'clear'
 * or 'set'), its hash. Returns { key, visibility, pw, capacity, admission, members } or { }.
 */
const CONFIGURE = `
local name, key = ARGV[3], ARGV[4]
if redis.call('HGET', k_room(name), 'key') ~= key or not is_host(name, ARGV[5]) then return {} end
if ARGV[6] ~= '' then redis.call('HSET', k_room(name), 'admission', ARGV[6]) end
if ARGV[8] == 'clear' then redis.call('HSET', k_room(name), 'pw', '') end
if ARGV[8] == 'set' then redis.call('HSET', k_room(name), 'pw', ARGV[9]) end
local count = redis.call('HLEN', k_members(name))
if ARGV[7] ~= '' then
  redis.call('HSET', k_room(name), 'visibility', ARGV[7])
  if ARGV[7] == 'public' then redis.call('ZADD', K_PUBLIC, count, name)
  else redis.call('ZREM', K_PUBLIC, name) end
end
local r = redis.call('HMGET', k_room(name), 'key', 'visibility', 'pw', 'capacity', 'admission')
return { r[1], r[2], r[3] or '', tonumber(r[4]) or 0, r[5] or 'open', count }
`

/**
 * ARGV: name, actor, target, action ('remove', 'mute', 'promote'), media kind. Returns
 * { 'forbidden' }, { 'unknown' }, or { 'done', target JSON, remove_member's reply (remove only) }.
 */
const ACT = `
local name, actor, target, action = ARGV[3], ARGV[4], ARGV[5], ARGV[6]
if not is_host(name, actor) then return { 'forbidden' } end
local entry = redis.call('HGET', k_members(name), target)
if not entry or target == actor then return { 'unknown' } end
local seq, record = entry_of(entry)
if action == 'remove' then
  redis.call('SADD', k_barred(name), record.address)
  return { 'done', cjson.encode(record), remove_member(name, target, now_ms()) }
end
if action == 'mute' then record.media[ARGV[7]] = false end
if action == 'promote' then record.role = 'host' end
store(name, { id = target, seq = seq, record = record })
return { 'done', cjson.encode(record) }
`

/** ARGV: name, key, knock id, nickname, node, most waiting. Returns 'ok', 'full' or 'changed'. */
const ADD_KNOCK = `
local name, id = ARGV[3], ARGV[5]
if redis.call('HGET', k_room(name), 'key') ~= ARGV[4] then return 'changed' end
if redis.call('HLEN', k_knocks(name)) >= tonumber(ARGV[8]) then return 'full' end
redis.call('HSET', k_knocks(name), id, now_ms() .. '|' .. ARGV[7] .. '|' .. ARGV[6])
redis.call('SADD', k_knocknode(ARGV[7]), name .. '\\t' .. id)
return 'ok'
`

/** ARGV: name, knock id, actor ('' = the knocker's own node). Returns 'forbidden', 'gone' or its entry. */
const TAKE_KNOCK = `
local name, id, actor = ARGV[3], ARGV[4], ARGV[5]
if actor ~= '' and not is_host(name, actor) then return 'forbidden' end
local entry = redis.call('HGET', k_knocks(name), id)
if not entry then return 'gone' end
redis.call('HDEL', k_knocks(name), id)
local node = string.match(entry, '^%d+|([^|]+)|')
redis.call('SREM', k_knocknode(node), name .. '\\t' .. id)
return entry
`

export const HOST_SCRIPTS = { RENAME, CONFIGURE, ACT, ADD_KNOCK, TAKE_KNOCK }
export type HostScriptName = keyof typeof HOST_SCRIPTS
