/**
 * The Porter (1980) stemmer for English words. Search needs "cells", "cell" and
 * "cellular"-like variants to meet; a published algorithm keeps that predictable.
 */

const vowelAt = (w: string, i: number): boolean => {
  const c = w[i]
  if (c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u') return true
  return c === 'y' && i > 0 && !vowelAt(w, i - 1)
}

/** m in Porter's notation: the number of vowel-consonant sequences in `stem`. */
function measure(stem: string): number {
  let m = 0
  let i = 0
  const n = stem.length
  while (i < n && !vowelAt(stem, i)) i++
  while (i < n) {
    while (i < n && vowelAt(stem, i)) i++
    if (i >= n) break
    m++
    while (i < n && !vowelAt(stem, i)) i++
  }
  return m
}

const hasVowel = (stem: string): boolean => {
  for (let i = 0; i < stem.length; i++) if (vowelAt(stem, i)) return true
  return false
}

const endsDoubleConsonant = (w: string): boolean =>
  w.length >= 2 && w[w.length - 1] === w[w.length - 2] && !vowelAt(w, w.length - 1)

/** *o: stem ends consonant-vowel-consonant, the last not w, x or y. */
const endsCvc = (w: string): boolean => {
  const n = w.length
  if (n < 3) return false
  const last = w[n - 1] ?? ''
  return !vowelAt(w, n - 1) && vowelAt(w, n - 2) && !vowelAt(w, n - 3) && !'wxy'.includes(last)
}

function replaceSuffix(w: string, rules: ReadonlyArray<readonly [string, string]>, minMeasure: number): string {
  for (const [suffix, replacement] of rules) {
    if (w.endsWith(suffix)) {
      const stem = w.slice(0, -suffix.length)
      return measure(stem) > minMeasure ? stem + replacement : w
    }
  }
  return w
}

const step2Rules = [
  ['ational', 'ate'], ['tional', 'tion'], ['enci', 'ence'], ['anci', 'ance'], ['izer', 'ize'],
  ['bli', 'ble'], ['alli', 'al'], ['entli', 'ent'], ['eli', 'e'], ['ousli', 'ous'],
  ['ization', 'ize'], ['ation', 'ate'], ['ator', 'ate'], ['alism', 'al'], ['iveness', 'ive'],
  ['fulness', 'ful'], ['ousness', 'ous'], ['aliti', 'al'], ['iviti', 'ive'], ['biliti', 'ble'], ['logi', 'log'],
] as const

const step3Rules = [
  ['icate', 'ic'], ['ative', ''], ['alize', 'al'], ['iciti', 'ic'], ['ical', 'ic'], ['ful', ''], ['ness', ''],
] as const

const step4Suffixes = [
  'al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment', 'ent',
  'ion', 'ou', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize',
] as const

// Longest suffixes must be tried first within each step.
const byLength = <T extends readonly [string, string]>(rules: readonly T[]): T[] =>
  [...rules].sort((a, b) => b[0].length - a[0].length)
const step2 = byLength(step2Rules)
const step3 = byLength(step3Rules)
const step4 = [...step4Suffixes].sort((a, b) => b.length - a.length)

function step1(word: string): string {
  let w = word
  if (w.endsWith('sses')) w = w.slice(0, -2)
  else if (w.endsWith('ies')) w = w.slice(0, -2)
  else if (w.endsWith('ss')) {
    // unchanged
  } else if (w.endsWith('s')) w = w.slice(0, -1)

  let cleanup = false
  if (w.endsWith('eed')) {
    if (measure(w.slice(0, -3)) > 0) w = w.slice(0, -1)
  } else if (w.endsWith('ed') && hasVowel(w.slice(0, -2))) {
    w = w.slice(0, -2)
    cleanup = true
  } else if (w.endsWith('ing') && hasVowel(w.slice(0, -3))) {
    w = w.slice(0, -3)
    cleanup = true
  }
  if (cleanup) {
    if (w.endsWith('at') || w.endsWith('bl') || w.endsWith('iz')) w += 'e'
    else if (endsDoubleConsonant(w) && !/[lsz]$/.test(w)) w = w.slice(0, -1)
    else if (measure(w) === 1 && endsCvc(w)) w += 'e'
  }
  if (w.endsWith('y') && hasVowel(w.slice(0, -1))) w = `${w.slice(0, -1)}i`
  return w
}

function step4And5(word: string): string {
  let w = word
  for (const suffix of step4) {
    if (!w.endsWith(suffix)) continue
    const stem = w.slice(0, -suffix.length)
    if (measure(stem) > 1 && (suffix !== 'ion' || /[st]$/.test(stem))) w = stem
    break
  }
  if (w.endsWith('e')) {
    const stem = w.slice(0, -1)
    const m = measure(stem)
    if (m > 1 || (m === 1 && !endsCvc(stem))) w = stem
  }
  if (measure(w) > 1 && endsDoubleConsonant(w) && w.endsWith('l')) w = w.slice(0, -1)
  return w
}

export function porterStem(word: string): string {
  if (word.length <= 2 || !/^[a-z]+$/.test(word)) return word
  let w = step1(word)
  w = replaceSuffix(w, step2, 0)
  w = replaceSuffix(w, step3, 0)
  return step4And5(w)
}
