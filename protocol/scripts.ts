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
const MIXTURES: Readonly<Record<string, readonly string[]>> = {
  Jpan: ['Han', 'Hiragana', 'Katakana', 'Latin'],
  Kore: ['Han', 'Hangul', 'Latin'],
  Hanb: ['Han', 'Bopomofo', 'Latin'],
}

const ANY_SCRIPT = /[\p{scx=Zyyy}\p{scx=Zinh}]/u

// Compiled on first use: a server or page that never checks a room name never builds them.
let compiled: ReadonlyMap<string, RegExp> | undefined

function scriptTests(): ReadonlyMap<string, RegExp> {
  compiled ??= new Map(SCRIPT_NAMES.map((name) => [name, new RegExp(`\\p{scx=${name}}`, 'u')]))
  return compiled
}

/**
 * Whether `char` (a letter, mark or digit not of Common or Inherited; in ASCII, a Latin letter) is of
 * `script`: a script's name, a mixture, or "Unknown" (of none of SCRIPT_NAMES).
 */
function isOf(char: string, script: string): boolean {
  if (char < '\u0080') return script === 'Latin' || (MIXTURES[script]?.includes('Latin') ?? false)
  const mixture = MIXTURES[script]
  if (mixture) return mixture.some((base) => isOf(char, base))
  if (script === 'Unknown') return ![...scriptTests().values()].some((test) => test.test(char))
  return scriptTests().get(script)?.test(char) ?? false
}

/** Every script and mixture `char` (not of Common or Inherited) is of. */
function scriptsOf(char: string): string[] {
  const own = SCRIPT_NAMES.filter((script) => isOf(char, script))
  if (own.length === 0) return ['Unknown']
  return [...own, ...Object.keys(MIXTURES).filter((m) => MIXTURES[m]?.some((b) => own.includes(b)))]
}

/** True when no one script (or mixture above) covers every character of `text`. */
export function mixesScripts(text: string): boolean {
  // The first letter's scripts; each letter after it keeps those it is of (usually one test).
  let shared: string[] | null = null
  for (const char of text) {
    if (char < '\u0080' ? !/[A-Za-z]/.test(char) : ANY_SCRIPT.test(char)) continue
    shared = shared === null ? scriptsOf(char) : shared.filter((script) => isOf(char, script))
    if (shared.length === 0) return true
  }
  return false
}
