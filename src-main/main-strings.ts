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
  /** Settings naming a server the user never let in were refused. */
  serverNotAdmitted: string
  /** The question before Noom uses another server (server-dialog.ts). */
  server: {
    title: string
    fromLink: string
    typed: string
    risk: string
    unencrypted: string
    connect: string
    cancel: string
    remember: string
  }
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
    serverNotAdmitted: 'Noom did not save the settings: they name a server you have not confirmed.',
    server: {
      title: 'Use another server?',
      fromLink: 'A link asks Noom to join a call on this server:',
      typed: 'Noom is about to use this server:',
      risk: 'A call’s server sees who joins, and a hostile one could listen in. Continue only if you trust it.',
      unencrypted:
        'The connection to this server is not encrypted (http). Use it only on a network you trust.',
      connect: 'Use this server',
      cancel: 'Cancel',
      remember: 'Use this server from now on',
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
    serverNotAdmitted: 'Noom이 설정을 저장하지 않았습니다. 확인하지 않은 서버가 들어 있습니다.',
    server: {
      title: '다른 서버를 사용할까요?',
      fromLink: '링크가 이 서버에서 통화에 참여하려고 합니다:',
      typed: 'Noom이 이 서버를 사용하려고 합니다:',
      risk: '통화 서버는 누가 참여하는지 볼 수 있고, 악의적인 서버는 통화를 엿들을 수 있습니다. 믿을 수 있는 서버일 때만 계속하세요.',
      unencrypted:
        '이 서버와의 연결은 암호화되지 않습니다(http). 믿을 수 있는 네트워크에서만 사용하세요.',
      connect: '이 서버 사용',
      cancel: '취소',
      remember: '앞으로 이 서버 사용',
    },
  },
}

/** The strings for a BCP 47 tag (the user's setting, else `app.getLocale()`), English by default. */
export function mainStrings(locale: string | null | undefined): MainStrings {
  return STRINGS[localeFromLanguage(locale)]
}
