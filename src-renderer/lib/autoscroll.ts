/**
 * When the chat follows new lines: only while the reader is at the bottom (or just sent a message
 * themselves). Someone reading older lines is left where they are and told that new ones came.
 */

export interface ScrollBox {
  scrollTop: number
  scrollHeight: number
  clientHeight: number
}

/** How close to the end still counts as "at the bottom" (sub-pixel scroll positions, zoom). */
export const BOTTOM_SLACK_PX = 24

export function isAtBottom(box: ScrollBox, slack: number = BOTTOM_SLACK_PX): boolean {
  return box.scrollHeight - box.scrollTop - box.clientHeight <= slack
}

/** `follow`: scroll to the new end; `notify`: show the "new messages" button; `stay`: nothing new. */
export type AutoscrollDecision = 'follow' | 'notify' | 'stay'

export function onLinesAdded(added: {
  count: number
  own: boolean
  wasAtBottom: boolean
}): AutoscrollDecision {
  if (added.count <= 0) return 'stay'
  return added.wasAtBottom || added.own ? 'follow' : 'notify'
}
