import { describe, expect, it } from 'vitest'
import { focusKind, shortcutFor, type KeyInput } from './shortcuts.js'

const key = (code: string, over: Partial<KeyInput> = {}): KeyInput => ({
  type: 'keydown',
  code,
  repeat: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...over,
})

describe('shortcutFor', () => {
  it('maps M and V to the microphone and camera toggles', () => {
    expect(shortcutFor(key('KeyM'), 'other')).toEqual({
      action: 'toggle-mic',
      preventDefault: true,
    })
    expect(shortcutFor(key('KeyV'), 'other')).toEqual({
      action: 'toggle-camera',
      preventDefault: true,
    })
    // By physical key: Hangul input mode and other layouts still work.
    expect(shortcutFor(key('KeyM'), 'control').action).toBe('toggle-mic')
  })

  it('ignores keys while typing in a field or working in a dialog', () => {
    for (const focus of ['typing', 'dialog'] as const) {
      expect(shortcutFor(key('KeyM'), focus).action).toBeNull()
      expect(shortcutFor(key('Space'), focus)).toEqual({ action: null, preventDefault: false })
    }
  })

  it('leaves shortcuts of the browser and system alone (Ctrl+V pastes)', () => {
    expect(shortcutFor(key('KeyV', { ctrlKey: true }), 'other').action).toBeNull()
    expect(shortcutFor(key('KeyM', { metaKey: true }), 'other').action).toBeNull()
    expect(shortcutFor(key('KeyM', { altKey: true }), 'other').action).toBeNull()
    expect(shortcutFor(key('KeyM', { isComposing: true }), 'other').action).toBeNull()
  })

  it('toggles once per press, not on key repeat', () => {
    expect(shortcutFor(key('KeyM', { repeat: true }), 'other').action).toBeNull()
  })

  it('talks while Space is held, without scrolling the page', () => {
    expect(shortcutFor(key('Space'), 'other')).toEqual({
      action: 'talk-start',
      preventDefault: true,
    })
    expect(shortcutFor(key('Space', { repeat: true }), 'other')).toEqual({
      action: null,
      preventDefault: true,
    })
    expect(shortcutFor(key('Space', { type: 'keyup' }), 'other')).toEqual({
      action: 'talk-end',
      preventDefault: true,
    })
  })

  it('lets Space press a focused button instead of talking', () => {
    expect(shortcutFor(key('Space'), 'control')).toEqual({ action: null, preventDefault: false })
    // Releasing still ends a talk, and the button still gets its keyup.
    expect(shortcutFor(key('Space', { type: 'keyup' }), 'control')).toEqual({
      action: 'talk-end',
      preventDefault: false,
    })
  })

  it('ignores other keys and key releases', () => {
    expect(shortcutFor(key('KeyX'), 'other').action).toBeNull()
    expect(shortcutFor(key('KeyM', { type: 'keyup' }), 'other').action).toBeNull()
  })
})

describe('focusKind', () => {
  it('classifies fields, controls, dialogs and the rest', () => {
    document.body.innerHTML = `
      <input id="text" /><input id="box" type="checkbox" /><textarea id="area"></textarea>
      <select id="pick"></select><div id="edit" contenteditable="true"></div>
      <button id="button"><span id="inner">x</span></button><a id="link" href="#">a</a>
      <dialog open><button id="in-dialog">ok</button></dialog><div id="plain"></div>`
    const kind = (id: string) => focusKind(document.getElementById(id))
    expect(kind('text')).toBe('typing')
    expect(kind('area')).toBe('typing')
    expect(kind('pick')).toBe('typing')
    expect(kind('box')).toBe('control')
    expect(kind('button')).toBe('control')
    expect(kind('inner')).toBe('control')
    expect(kind('link')).toBe('control')
    expect(kind('in-dialog')).toBe('dialog')
    expect(kind('plain')).toBe('other')
    expect(focusKind(window)).toBe('other')
    expect(focusKind(null)).toBe('other')
  })
})
