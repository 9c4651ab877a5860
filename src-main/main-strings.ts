// The few words main shows itself (native dialogs); everything else is the renderer's, in
// src-renderer/i18n. Chosen by the user's language setting, else the system's.

export interface MainStrings {
  closeTitle: string
  closeMessage: string
  closeLeave: string
  closeStay: string
}

const STRINGS: Record<'en' | 'ko', MainStrings> = {
  en: {
    closeTitle: 'Leave the call?',
    closeMessage: 'You are in a call. Closing Noom will leave it.',
    closeLeave: 'Leave and close',
    closeStay: 'Stay in the call',
  },
  ko: {
    closeTitle: '통화를 나갈까요?',
    closeMessage: '통화 중입니다. Noom을 닫으면 통화에서 나갑니다.',
    closeLeave: '나가고 닫기',
    closeStay: '통화 계속하기',
  },
}

/** The strings for a BCP 47 tag (the user's setting, else `app.getLocale()`), English by default. */
export function mainStrings(locale: string | null | undefined): MainStrings {
  const language = (locale ?? '').toLowerCase().split('-')[0]
  return language === 'ko' ? STRINGS.ko : STRINGS.en
}
