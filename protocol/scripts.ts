/**
 * Whether a text mixes scripts, after UTS #39 §5.1–5.2: each character's Script_Extensions (Common
 * and Inherited go with any script), augmented so Han goes with Hiragana, Katakana, Hangul and
 * Bopomofo as Japanese, Korean and Chinese are written, and Latin goes with those three mixtures.
 * A text whose characters share no script then is "mixed": below UTS #39's Highly Restrictive level,
 * the level at which `stаndup` (Cyrillic а) is refused and `Team 회의` or `東京 meetup` are not.
 * Regular expressions with `\p{scx=…}` do the work, so no table of code points is carried.
 */

/** The scripts of Unicode 15.0, less Common and Inherited (a letter of a newer script is "unknown"). */
const SCRIPT_NAMES = `
Adlam Ahom Anatolian_Hieroglyphs Arabic Armenian Avestan Balinese Bamum Bassa_Vah Batak Bengali
Bhaiksuki Bopomofo Brahmi Braille Buginese Buhid Canadian_Aboriginal Carian Caucasian_Albanian
Chakma Cham Cherokee Chorasmian Coptic Cuneiform Cypriot Cypro_Minoan Cyrillic Deseret
Devanagari Dives_Akuru Dogra Duployan Egyptian_Hieroglyphs Elbasan Elymaic Ethiopic Georgian
Glagolitic Gothic Grantha Greek Gujarati Gunjala_Gondi Gurmukhi Han Hangul Hanifi_Rohingya
Hanunoo Hatran Hebrew Hiragana Imperial_Aramaic Inscriptional_Pahlavi Inscriptional_Parthian
Javanese Kaithi Kannada Katakana Kayah_Li Kharoshthi Khitan_Small_Script Khmer Khojki Khudawadi
Lao Latin Lepcha Limbu Linear_A Linear_B Lisu Lycian Lydian Mahajani Makasar Malayalam Mandaic
Manichaean Marchen Masaram_Gondi Medefaidrin Meetei_Mayek Mende_Kikakui Meroitic_Cursive
Meroitic_Hieroglyphs Miao Modi Mongolian Mro Multani Myanmar Nabataean Nandinagari New_Tai_Lue
Newa Nko Nushu Nyiakeng_Puachue_Hmong Ogham Ol_Chiki Old_Hungarian Old_Italic Old_North_Arabian
Old_Permic Old_Persian Old_Sogdian Old_South_Arabian Old_Turkic Old_Uyghur Oriya Osage Osmanya
Pahawh_Hmong Palmyrene Pau_Cin_Hau Phags_Pa Phoenician Psalter_Pahlavi Rejang Runic Samaritan
Saurashtra Sharada Shavian Siddham SignWriting Sinhala Sogdian Sora_Sompeng Soyombo Sundanese
Syloti_Nagri Syriac Tagalog Tagbanwa Tai_Le Tai_Tham Tai_Viet Takri Tamil Tangsa Tangut Telugu
Thaana Thai Tibetan Tifinagh Tirhuta Toto Ugaritic Vai Vithkuqi Wancho Warang_Citi Yezidi Yi
Zanabazar_Square Kawi Nag_Mundari
`
  .trim()
  .split(/\s+/)

/** Han together with the scripts it is written with, and Latin with each of those mixtures. */
const AUGMENT: Readonly<Record<string, readonly string[]>> = {
  Han: ['Jpan', 'Kore', 'Hanb'],
  Hiragana: ['Jpan'],
  Katakana: ['Jpan'],
  Hangul: ['Kore'],
  Bopomofo: ['Hanb'],
  Latin: ['Jpan', 'Kore', 'Hanb'],
}

const ANY_SCRIPT = /[\p{scx=Zyyy}\p{scx=Zinh}]/u
const LATIN = new Set(['Latin', ...(AUGMENT.Latin ?? [])])

// Compiled on first use: a server or page that never checks a room name never builds them.
let compiled: readonly (readonly [string, RegExp])[] | undefined

function scriptTests(): readonly (readonly [string, RegExp])[] {
  compiled ??= SCRIPT_NAMES.map((name) => [name, new RegExp(`\\p{scx=${name}}`, 'u')] as const)
  return compiled
}

/** The augmented scripts of one character, or null when it goes with any. */
function scriptsOf(char: string): ReadonlySet<string> | null {
  if (char < '\u0080') return /[A-Za-z]/.test(char) ? LATIN : null
  if (ANY_SCRIPT.test(char)) return null
  const found = new Set<string>()
  for (const [name, test] of scriptTests()) {
    if (!test.test(char)) continue
    found.add(name)
    for (const extra of AUGMENT[name] ?? []) found.add(extra)
  }
  return found.size > 0 ? found : new Set(['Unknown'])
}

/** True when no one script (as augmented above) covers every character of `text`. */
export function mixesScripts(text: string): boolean {
  let shared: Set<string> | null = null
  for (const char of text) {
    const own = scriptsOf(char)
    if (own === null) continue
    if (shared === null) shared = new Set(own)
    else for (const script of shared) if (!own.has(script)) shared.delete(script)
    if (shared.size === 0) return true
  }
  return false
}
