import type { MessageBoxOptions } from 'electron'
import { describe, expect, it } from 'vitest'
import { mainStrings } from './main-strings.js'
import { askAboutServer, type ShowMessageBox } from './server-dialog.js'

interface FakeWindow {
  id: number
}

/** dialog.showMessageBox faked: records each call and answers with `answer`. */
function fakeDialog(answer: { response: number; checkboxChecked: boolean }) {
  const calls: { parent: FakeWindow | null; options: MessageBoxOptions }[] = []
  const show: ShowMessageBox<FakeWindow> = (parent, options) => {
    calls.push({ parent, options })
    return Promise.resolve(answer)
  }
  return { show, calls }
}

const win: FakeWindow = { id: 1 }
const link = { origin: 'https://other.example', unencrypted: false, fromLink: true }

describe('the server question', () => {
  it('is a child of the window, shows the origin on a line of its own, and defaults to Cancel', async () => {
    const { show, calls } = fakeDialog({ response: 1, checkboxChecked: false })
    await askAboutServer(
      show,
      () => win,
      () => mainStrings('en'),
    )(link)
    const [call] = calls
    expect(call?.parent).toBe(win)
    expect(call?.options.detail?.split('\n')).toContain('https://other.example')
    expect(call?.options).toMatchObject({
      buttons: ['Use this server', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      checkboxLabel: 'Use this server from now on',
      checkboxChecked: false,
    })
  })

  it.each([
    [
      'Use, unticked',
      { response: 0, checkboxChecked: false },
      { confirmed: true, remember: false },
    ],
    ['Use, ticked', { response: 0, checkboxChecked: true }, { confirmed: true, remember: true }],
    [
      'Cancel, ticked',
      { response: 1, checkboxChecked: true },
      { confirmed: false, remember: false },
    ],
  ])('reads %s', async (_what, answer, expected) => {
    const { show } = fakeDialog(answer)
    expect(
      await askAboutServer(
        show,
        () => win,
        () => mainStrings('en'),
      )(link),
    ).toEqual(expected)
  })

  it('offers no "from now on" for a server typed in the app: using it is the user’s choice', async () => {
    const { show, calls } = fakeDialog({ response: 0, checkboxChecked: true })
    const answer = await askAboutServer(
      show,
      () => win,
      () => mainStrings('en'),
    )({
      ...link,
      fromLink: false,
    })
    expect(calls[0]?.options.checkboxLabel).toBeUndefined()
    expect(answer).toEqual({ confirmed: true, remember: false })
  })

  it('says when the connection is not encrypted, in the user’s language', async () => {
    const { show, calls } = fakeDialog({ response: 1, checkboxChecked: false })
    const lan = { origin: 'http://192.168.1.5:47320', unencrypted: true, fromLink: true }
    await askAboutServer(
      show,
      () => null,
      () => mainStrings('ko'),
    )(lan)
    expect(calls[0]?.parent).toBeNull()
    expect(calls[0]?.options.type).toBe('warning')
    expect(calls[0]?.options.detail).toContain('암호화되지 않습니다(http)')
    expect(calls[0]?.options.checkboxLabel).toBe('앞으로 이 서버 사용')
  })
})
