/**
 * One normal form for every extracted string, so that chunking, full-text search
 * and deduplication see the same characters whatever the source format was.
 */

// Keeps \t (U+0009) and \n (U+000A); \r is turned into \n before this runs.
const CONTROL_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g
// Invisible characters that only split words for search. ZWJ/ZWNJ stay: Persian,
// Indic scripts and emoji sequences need them.
const INVISIBLE_CHARS = /[\u00AD\u200B\u2060\uFEFF]/g
const SPACE_RUNS = /[ \u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+/g
const TAB_RUNS = /[ \t]*\t[ \t]*/g
const SPACE_AROUND_NEWLINE = /[ \t]*\n[ \t]*/g
const BLANK_LINE_RUNS = /\n{3,}/g

export function normalizeText(input: string): string {
  return input
    .toWellFormed()
    .replace(/\r\n?/g, '\n')
    .normalize('NFC')
    .replace(CONTROL_CHARS, '')
    .replace(INVISIBLE_CHARS, '')
    .replace(SPACE_RUNS, ' ')
    .replace(TAB_RUNS, '\t')
    .replace(SPACE_AROUND_NEWLINE, '\n')
    .replace(BLANK_LINE_RUNS, '\n\n')
    .trim()
}

/** Counts the characters that carry content: everything but whitespace. */
export function countVisibleChars(text: string): number {
  return text.replace(/\s+/gu, '').length
}
