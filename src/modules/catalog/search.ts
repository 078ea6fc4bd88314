// Search text normalisation, shared by what is stored and what is asked, so both sides fold alike.

export const MAX_SEARCH_TERMS = 8;
export const MAX_SEARCH_TERM_CHARS = 64;

// Combining marks (accents, Arabic tashkeel, hamza above/below), except the kana voicing marks
// U+3099/U+309A: NFKD splits が into か + ゛, and dropping the mark would change the word.
const MARKS = /(?![\u3099\u309A])\p{M}/gu;
// Tatweel only stretches Arabic letters; format characters (soft hyphen, zero-width joiners,
// bidi marks) are invisible, so a reader cannot type them back; a lone surrogate is no character.
const IGNORED = /[\u0640\p{Cf}\p{Cs}]/gu;
// Control characters separate like spaces: a NUL would end the string in SQLite's LIKE and FTS5
// and is refused by PostgreSQL.
const SPACES = /[\s\p{Cc}]+/gu;
const EDGE_PUNCTUATION = /^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu;

/**
 * NFKC first folds full-width and compatibility forms (Ａ → a, ﬁ → fi); lower-casing before NFKD
 * lets the marks some capitals gain in lower case (İ → i̇) be stripped too; NFC at the end puts
 * back what NFKD split but we kept (Hangul syllables, voiced kana).
 */
export function normalizeForSearch(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFKD')
    .replace(MARKS, '')
    .replace(IGNORED, '')
    .normalize('NFC')
    .replace(SPACES, ' ')
    .trim();
}

/**
 * The terms of a query, all of which must match: split on whitespace only (a run of Chinese stays
 * one term), with punctuation trimmed from each end so "عسل،" or "honey," still match.
 */
export function searchTerms(query: string): string[] {
  const terms = normalizeForSearch(query)
    .split(' ')
    .map((term) => [...term.replace(EDGE_PUNCTUATION, '')].slice(0, MAX_SEARCH_TERM_CHARS).join(''))
    .filter((term) => term.length > 0);
  return [...new Set(terms)].slice(0, MAX_SEARCH_TERMS);
}

/**
 * A text as the short-term index holds it: every character between separators, "咖啡" → "␟咖␟啡␟"
 * (␟ is U+001F, which normalised text never holds: control characters become spaces). A term of one
 * or two characters, spread alike, is three characters or more, so a trigram index finds it, and
 * it occurs in a spread text exactly where the term occurs in the text.
 */
export function spreadForShortTerms(text: string): string {
  return `${SHORT_TERM_SEPARATOR}${[...text].join(SHORT_TERM_SEPARATOR)}${SHORT_TERM_SEPARATOR}`;
}

export const SHORT_TERM_SEPARATOR = '\u001f';
