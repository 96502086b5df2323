import { NOT_IN_DOCUMENTS } from '../../prompts/answer-prompt.ts'

export type CitationCheck =
  /** `text` has its markers renumbered 1..k in order of first use; `cited[i]` is the passage number behind [i+1]. */
  | { kind: 'ok'; text: string; cited: number[]; repaired: boolean }
  | { kind: 'not_in_documents' }
  | { kind: 'invalid'; reason: string }

const MARKER = /\[(\d+(?:\s*[,;]\s*\d+)*)\]/g

/**
 * Every [n] in a generated answer must name a passage that was given. Numbers
 * that do not exist are removed (repaired); an answer left citing nothing is
 * invalid, and the caller falls back to the extractive answer.
 */
export function checkCitations(text: string, passageCount: number): CitationCheck {
  const trimmed = text.trim()
  if (trimmed.length === 0) return { kind: 'invalid', reason: 'the answer is empty' }
  const { text: renumbered, cited, dropped } = renumberCitations(trimmed, passageCount)
  // "Not in the documents" followed by a cited answer is still an answer.
  if (cited.length === 0 && saysNotInDocuments(trimmed)) return { kind: 'not_in_documents' }
  if (cited.length === 0) {
    return { kind: 'invalid', reason: dropped > 0 ? 'it cites only passages that were not given' : 'it cites no passage' }
  }
  return { kind: 'ok', text: renumbered, cited, repaired: dropped > 0 }
}

/**
 * Renumbers markers by first appearance. Stable as text grows, so it can be
 * applied to a streamed answer at every step and the numbers do not jump.
 */
export function renumberCitations(text: string, passageCount: number): { text: string; cited: number[]; dropped: number } {
  const cited: number[] = []
  let dropped = 0
  const rewritten = text.replace(MARKER, (_marker, list: string) => {
    const numbers = list.split(/[,;]/).map((n) => Number(n.trim()))
    const valid = numbers.filter((n) => Number.isInteger(n) && n >= 1 && n <= passageCount)
    dropped += numbers.length - valid.length
    const markers = [...new Set(valid)].map((n) => {
      if (!cited.includes(n)) cited.push(n)
      return `[${cited.indexOf(n) + 1}]`
    })
    return markers.join('')
  })
  return { text: rewritten.replace(/ +([.,;:!?])/g, '$1').replace(/ {2,}/g, ' ').trim(), cited, dropped }
}

function saysNotInDocuments(text: string): boolean {
  const normalized = text.toLowerCase().replace(/[“”"*_]/g, '').trim()
  return normalized.startsWith(NOT_IN_DOCUMENTS.toLowerCase().replace(/\.$/, ''))
}
