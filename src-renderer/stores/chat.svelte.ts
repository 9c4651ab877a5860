/**
 * Chat of the current call: messages and join/leave lines, an unread count while the panel is
 * closed, and sends shown at once, confirmed by the ack, and marked (not lost) when they fail.
 */
import type { ChatMessage } from '../../protocol/index.js'

/** Chat as the chat panel shows it. System lines are rendered through i18n (`chat.joined`, `chat.left`). */
export type ChatLine =
  | {
      kind: 'message'
      /** Server id once confirmed; a local id while sending. */
      id: string
      from: string
      nickname: string
      text: string
      ts: number
      mine: boolean
      status: 'sending' | 'sent' | 'failed'
    }
  | { kind: 'system'; id: string; event: 'joined' | 'left'; nickname: string; ts: number }

/** Sends one message; resolves with the server's stamped copy. */
export type ChatSender = (text: string) => Promise<ChatMessage>

let localIds = 0

export class ChatStore {
  #lines = $state.raw<ChatLine[]>([])
  #open = $state(false)
  #unread = $state(0)
  #send: ChatSender | null = null
  #selfId = ''
  readonly #onReceive: (message: ChatMessage) => void

  /** `onReceive` hears each message from someone else (for notifications). */
  constructor(onReceive: (message: ChatMessage) => void = () => {}) {
    this.#onReceive = onReceive
  }

  get lines(): ChatLine[] {
    return this.#lines
  }
  get open(): boolean {
    return this.#open
  }
  get unread(): number {
    return this.#unread
  }

  setOpen(open: boolean): void {
    this.#open = open
    if (open) this.#unread = 0
  }

  /** A new call: its history, and how to send. */
  start(selfId: string, history: ChatMessage[], send: ChatSender): void {
    this.#selfId = selfId
    this.#send = send
    this.#lines = history.map((m) => this.#toLine(m))
    this.#unread = 0
  }

  /** After a rejoin with a new id, our later messages are recognised by it. */
  setSelf(selfId: string): void {
    this.#selfId = selfId
  }

  stop(): void {
    this.#send = null
  }

  /** A message from someone else. */
  receive(message: ChatMessage): void {
    this.#append(this.#toLine(message))
    this.#onReceive(message)
  }

  system(event: 'joined' | 'left', nickname: string): void {
    this.#append({ kind: 'system', id: `sys-${++localIds}`, event, nickname, ts: Date.now() })
  }

  /** Shows the message at once as 'sending'; marks it 'sent' or 'failed' when the server answers. */
  async send(text: string): Promise<void> {
    if (text.trim() === '') return
    const id = `local-${++localIds}`
    this.#lines = [
      ...this.#lines,
      {
        kind: 'message',
        id,
        from: this.#selfId,
        nickname: '',
        text,
        ts: Date.now(),
        mine: true,
        status: 'sending',
      },
    ]
    await this.#deliver(id, text)
  }

  /** Sends a failed message again. */
  async retry(id: string): Promise<void> {
    const line = this.#lines.find((l) => l.id === id)
    if (line?.kind !== 'message' || line.status !== 'failed') return
    this.#update(id, { status: 'sending' })
    await this.#deliver(id, line.text)
  }

  async #deliver(id: string, text: string): Promise<void> {
    try {
      if (!this.#send) throw new Error('not in a call')
      const message = await this.#send(text)
      this.#update(id, { ...this.#toLine(message), status: 'sent' })
    } catch {
      this.#update(id, { status: 'failed' })
    }
  }

  #update(id: string, patch: Partial<Extract<ChatLine, { kind: 'message' }>>): void {
    this.#lines = this.#lines.map((line) =>
      line.id === id && line.kind === 'message' ? { ...line, ...patch } : line,
    )
  }

  #append(line: ChatLine): void {
    this.#lines = [...this.#lines, line]
    // Messages count as unread while the panel is closed; join and leave lines do not.
    if (!this.#open && line.kind === 'message') this.#unread++
  }

  #toLine(message: ChatMessage): Extract<ChatLine, { kind: 'message' }> {
    return { kind: 'message', ...message, mine: message.from === this.#selfId, status: 'sent' }
  }
}
