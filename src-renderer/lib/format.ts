/** Small formatting for the call UI: chat times, avatar initials and colours. */

const two = (n: number) => String(n).padStart(2, '0')

/** HH:MM in local time, 24-hour. */
export function clockTime(ts: number): string {
  const date = new Date(ts)
  return `${two(date.getHours())}:${two(date.getMinutes())}`
}

/** Up to two letters for an avatar: the first character of the first two words (emoji stay whole). */
export function initials(nickname: string): string {
  const words = nickname.trim().split(/\s+/).filter(Boolean)
  return words
    .slice(0, 2)
    .map((word) => Array.from(word)[0] ?? '')
    .join('')
    .toLocaleUpperCase()
}

export const AVATAR_HUES = 6

/** A stable colour index for a name, so each person keeps their avatar colour. */
export function avatarHue(nickname: string): number {
  let hash = 0
  for (const char of nickname) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0
  return hash % AVATAR_HUES
}
