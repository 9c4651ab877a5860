/**
 * The Lua script that hands a seat to a resuming connection (see redis-scripts.ts for the keys and
 * ARGV[1..2]). The seat's current token is checked and replaced in the same step, so a token resumes
 * once whichever node it reaches; the one just used stays good for a short retry window (an ack lost
 * on the way back).
 */

/**
 * ARGV: name, key, id, presented token, next token, retry window (ms), holder. Returns
 * { previous holder or '', view } or { } when the token is not the seat's.
 */
export const TAKE = `
local name, id, token = ARGV[3], ARGV[5], ARGV[6]
if redis.call('HGET', k_room(name), 'key') ~= ARGV[4] then return {} end
local entry = redis.call('HGET', k_members(name), id)
if not entry then return {} end
local seq, record = entry_of(entry)
local now = now_ms()
if record.token == token then
  record.retryToken, record.retryUntil = token, now + tonumber(ARGV[8])
elseif record.retryToken ~= token or now >= (record.retryUntil or 0) then
  return {}
end
record.token = ARGV[7]
store(name, { id = id, seq = seq, record = record })
local previous = set_holder(name, id, ARGV[9])
return { previous or '', room_view(name) }
`
