/** The chat input's Enter handling, as a pure decision. */

export interface ComposerKey {
  key: string
  shiftKey: boolean
  isComposing: boolean
  /** 229 while an input method (Korean, Japanese, …) is composing, in some browsers only this. */
  keyCode?: number
}

/**
 * Enter sends; Shift+Enter is a new line. An Enter that confirms an input method's composition
 * (Hangul, kana) is not a send: it belongs to the IME.
 */
export function composerAction(event: ComposerKey): 'send' | 'default' {
  if (event.key !== 'Enter' || event.shiftKey) return 'default'
  if (event.isComposing || event.keyCode === 229) return 'default'
  return 'send'
}

/** The character counter shows from this share of the limit on. */
export const COUNTER_FROM = 0.9
