// The native question before Noom uses another server (server-admission.ts decides when). It is
// main's own dialog, a child of the window, so the page can neither draw it nor answer it. The
// origin stands alone on its line, exactly as the connection will use it.
import type { MessageBoxOptions, MessageBoxReturnValue } from 'electron'
import type { MainStrings } from './main-strings.js'
import type { ServerAnswer, ServerQuestion } from './server-admission.js'

/** `dialog.showMessageBox`, with the window it belongs to (null: none open yet). */
export type ShowMessageBox<W> = (
  parent: W | null,
  options: MessageBoxOptions,
) => Promise<Pick<MessageBoxReturnValue, 'response' | 'checkboxChecked'>>

const USE = 0
const CANCEL = 1

/** The dialog for `question`; Cancel is the default, Escape and closing it cancel too. */
export function serverDialogOptions(
  question: ServerQuestion,
  strings: MainStrings['server'],
): MessageBoxOptions {
  const lines = [
    question.fromLink ? strings.fromLink : strings.typed,
    '',
    question.origin,
    '',
    ...(question.unencrypted ? [strings.unencrypted, ''] : []),
    strings.risk,
  ]
  return {
    type: question.unencrypted ? 'warning' : 'question',
    title: strings.title,
    message: strings.title,
    detail: lines.join('\n'),
    buttons: [strings.connect, strings.cancel],
    defaultId: CANCEL,
    cancelId: CANCEL,
    noLink: true,
    ...(question.fromLink ? { checkboxLabel: strings.remember, checkboxChecked: false } : {}),
  }
}

/**
 * Asks through `show` with the window given by `parent`, in the words `strings` gives now (the
 * user's language may have changed since start-up).
 */
export function askAboutServer<W>(
  show: ShowMessageBox<W>,
  parent: () => W | null,
  strings: () => MainStrings,
): (question: ServerQuestion) => Promise<ServerAnswer> {
  return async (question) => {
    const options = serverDialogOptions(question, strings().server)
    const { response, checkboxChecked } = await show(parent(), options)
    const confirmed = response === USE
    return { confirmed, remember: confirmed && question.fromLink && checkboxChecked }
  }
}
