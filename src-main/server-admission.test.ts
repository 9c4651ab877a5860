import { describe, expect, it } from 'vitest'
import { ServerAdmission, type ServerAnswer, type ServerQuestion } from './server-admission.js'

const BUILT_IN = 'http://127.0.0.1:47320'
const OWN = 'https://noom.example.org'
const OTHER = 'https://other.example'

/** An admission over a settings copy, answering questions from `answers` in order. */
function setup(saved = '', answers: ServerAnswer[] = []) {
  const asked: ServerQuestion[] = []
  const state = { saved }
  const admission = new ServerAdmission({
    savedServer: () => state.saved,
    currentServer: () => state.saved || BUILT_IN,
    saveServer: (origin) => {
      state.saved = origin
      return Promise.resolve()
    },
    ask: (question) => {
      asked.push(question)
      return Promise.resolve(answers.shift() ?? { confirmed: false, remember: false })
    },
  })
  return { admission, asked, state }
}

const yes = { confirmed: true, remember: false }
const yesFromNowOn = { confirmed: true, remember: true }
const no = { confirmed: false, remember: true }

describe('a link naming a server', () => {
  it('passes without a question when it names none, or the one in use', async () => {
    const { admission, asked } = setup(OWN)
    expect(await admission.link({ room: 'a' })).toEqual({ link: { room: 'a' }, widened: false })
    expect(await admission.link({ room: 'a', server: OWN })).toEqual({
      link: { room: 'a', server: OWN },
      widened: false,
    })
    expect(asked).toEqual([])
  })

  it('asks about another server; confirmed, it is let in for this call only and not saved', async () => {
    const { admission, asked, state } = setup(OWN, [yes])
    const admitted = await admission.link({ room: 'a', server: OTHER })
    expect(asked).toEqual([{ origin: OTHER, unencrypted: false, fromLink: true }])
    expect(admitted).toEqual({
      link: { room: 'a', server: OTHER, thisCallOnly: true },
      widened: true,
    })
    expect(admission.servers()).toEqual([OWN, OTHER])
    expect(state.saved).toBe(OWN)
    expect(admission.maySave(OTHER)).toBe(false)
  })

  it('saves the server when "from now on" is ticked', async () => {
    const { admission, state } = setup('', [yesFromNowOn])
    const admitted = await admission.link({ room: 'a', server: OTHER, key: 'k'.repeat(43) })
    expect(admitted).toEqual({
      link: { room: 'a', server: OTHER, key: 'k'.repeat(43) },
      widened: true,
    })
    expect(state.saved).toBe(OTHER)
    expect(admission.maySave(OTHER)).toBe(true)
  })

  it('changes nothing when cancelled', async () => {
    const { admission, state } = setup(OWN, [no])
    expect(await admission.link({ room: 'a', server: OTHER })).toBeNull()
    expect(admission.servers()).toEqual([OWN])
    expect(state.saved).toBe(OWN)
    expect(admission.maySave(OTHER)).toBe(false)
  })

  it('refuses plain http to the internet without asking, and marks a private address unencrypted', async () => {
    const { admission, asked } = setup('', [yes])
    expect(await admission.link({ room: 'a', server: 'http://noom.example.org' })).toBeNull()
    expect(asked).toEqual([])
    const lan = 'http://192.168.1.5:47320'
    expect(await admission.link({ room: 'a', server: lan })).toMatchObject({ widened: true })
    expect(asked).toEqual([{ origin: lan, unencrypted: true, fromLink: true }])
  })

  it('asks about another port of this computer too, which the policy already names', async () => {
    const { admission, asked } = setup('', [yes])
    const admitted = await admission.link({ room: 'a', server: 'http://127.0.0.1:9999' })
    expect(asked).toHaveLength(1)
    expect(admitted).toMatchObject({ widened: false, link: { thisCallOnly: true } })
  })
})

describe('the page asking for a server (allowServer)', () => {
  it('cannot let a server in without the user confirming it in main’s dialog', async () => {
    const { admission, asked, state } = setup(OWN, [no])
    expect(await admission.allow(OTHER)).toEqual({ admitted: false, widened: false })
    expect(asked).toEqual([{ origin: OTHER, unencrypted: false, fromLink: false }])
    expect(admission.servers()).toEqual([OWN])
    expect(admission.maySave(OTHER)).toBe(false)
    expect(state.saved).toBe(OWN)
  })

  it('lets a confirmed server in and saves it', async () => {
    const { admission, state } = setup(OWN, [yes])
    expect(await admission.allow(OTHER)).toEqual({ admitted: true, widened: true })
    expect(admission.servers()).toEqual([OTHER])
    expect(state.saved).toBe(OTHER)
    expect(admission.maySave(OTHER)).toBe(true)
  })

  it('needs no question for what the policy names: the saved server, this computer', async () => {
    const { admission, asked } = setup(OWN)
    expect(await admission.allow(OWN)).toEqual({ admitted: true, widened: false })
    expect(await admission.allow(BUILT_IN)).toEqual({ admitted: true, widened: false })
    expect(asked).toEqual([])
  })

  it('refuses plain http to the internet', async () => {
    const { admission, asked } = setup('', [yes])
    expect(await admission.allow('http://8.8.8.8:3000')).toEqual({
      admitted: false,
      widened: false,
    })
    expect(asked).toEqual([])
  })
})

describe('settings from the page', () => {
  it('may name no server, the saved one, or one the user let in to keep; nothing else', async () => {
    const { admission } = setup(OWN, [yes])
    expect(admission.maySave('')).toBe(true)
    expect(admission.maySave(OWN)).toBe(true)
    expect(admission.maySave(OTHER)).toBe(false)
    await admission.allow(OTHER)
    expect(admission.maySave(OTHER)).toBe(true)
  })
})
