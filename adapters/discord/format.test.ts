import type { Citation } from '../../src/index.ts'
import { describe, expect, it } from 'vitest'
import { sourceLine } from './format.ts'

const at = '2026-11-26T09:30:00.000Z'
const unix = Date.parse(at) / 1000
const citation = (shared: Partial<Citation>): Citation => ({
  documentId: 'd1',
  title: 'runbook.pdf',
  source: 'runbook.pdf',
  page: 3,
  score: 1,
  snippet: 'Rotate the keys.',
  link: 'https://discord.com/channels/1/2/3',
  ...shared,
})

describe('Discord source lines', () => {
  it('say who shared the document, in which channel and when, as Discord mentions and a relative time', () => {
    const line = sourceLine(citation({ sharedBy: '700000000000000001', sharedIn: '810000000000000001', sharedAt: at }), 1, false)
    expect(line).toBe(`[1] [runbook.pdf](<https://discord.com/channels/1/2/3>) — p. 3 · shared by <@700000000000000001> in <#810000000000000001> · <t:${unix}:R>`)
  })

  it('name a sharer who is not a Discord user as text, and leave out channels that are not Discord channels', () => {
    const line = sourceLine(citation({ sharedBy: 'jane_doe@example.com', sharedIn: 'inbox', sharedAt: at }), 2, false)
    expect(line).toBe(`[2] [runbook.pdf](<https://discord.com/channels/1/2/3>) — p. 3 · shared by jane\\_doe@\u200bexample.com · <t:${unix}:R>`)
  })

  it('say only when, for a document nobody shared in a channel (the CLI), and no channel in a DM', () => {
    expect(sourceLine(citation({ sharedBy: null, sharedIn: null, sharedAt: at, link: null }), 1, false)).toBe(`[1] runbook.pdf — p. 3 · shared <t:${unix}:R>`)
    const inDm = sourceLine(citation({ sharedBy: '700000000000000001', sharedIn: '830000000000000001', sharedAt: at }), 1, false, { dm: true })
    expect(inDm).toMatch(/· shared by <@700000000000000001> · <t:\d+:R>$/)
  })

  it('keep the closest passage under the line when the answer is not grounded', () => {
    const line = sourceLine(citation({ sharedBy: '700000000000000001', sharedAt: at }), 1, true)
    expect(line.split('\n')).toEqual([`[1] [runbook.pdf](<https://discord.com/channels/1/2/3>) — p. 3 · shared by <@700000000000000001> · <t:${unix}:R>`, '> Rotate the keys.'])
  })
})
