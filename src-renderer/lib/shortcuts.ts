/**
 * Call keyboard shortcuts as a pure decision: which action a key event means, given what has the
 * focus. M toggles the microphone, V the camera, holding Space talks while muted. Keys are matched by
 * `code` (the physical key), so they work whatever the layout or input method (Hangul included).
 */

export type ShortcutAction = 'toggle-mic' | 'toggle-camera' | 'talk-start' | 'talk-end'

/**
 * What holds the focus, as far as shortcuts care: a field being typed in, a control that Space
 * activates, anything inside an open dialog, or something else (the page, a video).
 */
export type FocusKind = 'typing' | 'control' | 'dialog' | 'other'

export interface KeyInput {
  type: string
  code: string
  repeat: boolean
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
  isComposing?: boolean
}

export interface ShortcutDecision {
  action: ShortcutAction | null
  /** Whether to stop the browser's own handling (page scroll on Space). */
  preventDefault: boolean
}

const NONE: ShortcutDecision = { action: null, preventDefault: false }

const TOGGLES: Readonly<Record<string, ShortcutAction>> = {
  KeyM: 'toggle-mic',
  KeyV: 'toggle-camera',
}

export function shortcutFor(event: KeyInput, focus: FocusKind): ShortcutDecision {
  if (event.code === 'Space' && event.type === 'keyup') {
    // Ending a talk is always safe (the caller ignores it when no talk started); the browser's own
    // handling stays for a focused control, whose activation happens on this keyup.
    return { action: 'talk-end', preventDefault: focus === 'other' }
  }
  if (event.type !== 'keydown') return NONE
  if (focus === 'typing' || focus === 'dialog') return NONE
  if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return NONE
  if (event.code === 'Space') {
    if (focus === 'control') return NONE
    // Held keys repeat: the talk started with the first keydown.
    return { action: event.repeat ? null : 'talk-start', preventDefault: true }
  }
  const toggle = TOGGLES[event.code]
  if (!toggle || event.repeat) return NONE
  return { action: toggle, preventDefault: true }
}

const CONTROL_INPUT_TYPES = new Set([
  'button',
  'submit',
  'reset',
  'checkbox',
  'radio',
  'range',
  'color',
  'file',
  'image',
])

/** Classifies the element a key event is aimed at. */
export function focusKind(target: EventTarget | null): FocusKind {
  if (!(target instanceof Element)) return 'other'
  if (target.closest('dialog[open]')) return 'dialog'
  if (target instanceof HTMLElement && target.isContentEditable) return 'typing'
  if (target instanceof HTMLInputElement) {
    return CONTROL_INPUT_TYPES.has(target.type) ? 'control' : 'typing'
  }
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return 'typing'
  if (target.closest('button, a[href], summary, [role="button"], [role="switch"]')) return 'control'
  return 'other'
}
