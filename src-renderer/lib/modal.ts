/** What every dialog of the app does on opening and closing (an attachment and a close). */

/**
 * `{@attach modal}` on a <dialog>: opens it as a modal (focus moves in, the rest is inert) and
 * gives focus back to whatever had it before, when the dialog goes. jsdom has no showModal.
 */
export function modal(element: HTMLDialogElement): () => void {
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
  if (typeof element.showModal === 'function') element.showModal()
  else element.setAttribute('open', '')
  return () => opener?.focus()
}

/** Closes `dialog` (its close event then calls `onclose`), or calls `onclose` where it cannot. */
export function closeDialog(dialog: HTMLDialogElement | undefined, onclose: () => void): void {
  if (typeof dialog?.close === 'function') dialog.close()
  else onclose()
}
