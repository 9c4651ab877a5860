/** Plain data for component tests: participants and chat lines as the stores would give them. */
import type { ParticipantView } from '../stores/call-types.js'
import type { ChatLine } from '../stores/chat.svelte.js'

export function participant(over: Partial<ParticipantView> = {}): ParticipantView {
  return {
    id: 'p1',
    nickname: 'Ann',
    self: false,
    role: 'member',
    media: { audio: true, video: true, screen: false },
    camera: null,
    screen: null,
    speaking: false,
    connection: 'connected',
    quality: null,
    ...over,
  }
}

/** Stands in for a MediaStream (jsdom has none); components only hand it to media elements. */
export const fakeStream = { id: 'stream', getAudioTracks: () => [] } as unknown as MediaStream

export function message(
  id: string,
  over: Partial<Extract<ChatLine, { kind: 'message' }>> = {},
): ChatLine {
  return {
    kind: 'message',
    id,
    from: 'p2',
    nickname: 'Bo',
    text: `text ${id}`,
    ts: new Date(2026, 0, 2, 14, 7).getTime(),
    mine: false,
    status: 'sent',
    ...over,
  }
}
