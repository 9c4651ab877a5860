// The few words main shows itself (native dialogs, and the reasons a settings save failed, which
// the page shows as they are); everything else is the renderer's, in src-renderer/i18n. Chosen by
// the user's language setting, else the system's, by the contract's rule.
import { localeFromLanguage, type Locale } from '../contract/index.js'
import type { SaveFailure } from './settings-file.js'

export interface MainStrings {
  closeTitle: string
  closeMessage: string
  closeLeave: string
  closeStay: string
  /** Why the settings were not saved: one sentence per kind of failure. */
  settingsNotSaved: Readonly<Record<SaveFailure, string>>
}

const STRINGS: Readonly<Record<Locale, MainStrings>> = {
  en: {
    closeTitle: 'Leave the call?',
    closeMessage: 'You are in a call. Closing Noom will leave it.',
    closeLeave: 'Leave and close',
    closeStay: 'Stay in the call',
    settingsNotSaved: {
      'disk-full': 'Noom could not save your settings: the disk is full.',
      'read-only': 'Noom could not save your settings: the settings folder is read-only.',
      'not-allowed':
        'Noom could not save your settings: it is not allowed to write to the settings folder.',
      other: 'Noom could not save your settings.',
    },
  },
  ko: {
    closeTitle: '통화를 나갈까요?',
    closeMessage: '통화 중입니다. Noom을 닫으면 통화에서 나갑니다.',
    closeLeave: '나가고 닫기',
    closeStay: '통화 계속하기',
    settingsNotSaved: {
      'disk-full': 'Noom이 설정을 저장하지 못했습니다. 디스크가 가득 찼습니다.',
      'read-only': 'Noom이 설정을 저장하지 못했습니다. 설정 폴더가 읽기 전용입니다.',
      'not-allowed': 'Noom이 설정을 저장하지 못했습니다. 설정 폴더에 쓸 권한이 없습니다.',
      other: 'Noom이 설정을 저장하지 못했습니다.',
    },
  },
}

/** The strings for a BCP 47 tag (the user's setting, else `app.getLocale()`), English by default. */
export function mainStrings(locale: string | null | undefined): MainStrings {
  return STRINGS[localeFromLanguage(locale)]
}
