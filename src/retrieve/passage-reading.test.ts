import { describe, expect, it } from 'vitest'
import { createPassageReadings, openers, quotable, readPassage } from './passage-reading.ts'

const contract = `7. CONSULTANT may terminate this Agreement by giving 120 days written notice.

Language | Tool
Python | Bandit
Go | gosec

Also, don't forget:
1. Wear sunglasses
2. Drink water`

describe('passage readings', () => {
  it('reads sentences, table rows with their header row and list items with their introduction', () => {
    const units = readPassage(contract).units
    expect(units.map((u) => [u.text, u.header])).toEqual([
      ['7. CONSULTANT may terminate this Agreement by giving 120 days written notice.', null],
      ['Language | Tool', null],
      ['Python | Bandit', 'Language | Tool'],
      ['Go | gosec', 'Language | Tool'],
      ["Also, don't forget:", null],
      ['1. Wear sunglasses', "Also, don't forget:"],
      ['2. Drink water', "Also, don't forget:"],
    ])
    // The subject opens the sentence after its list marker.
    const consultant = readPassage('consultant').units[0]?.stems.values().next().value
    expect(units[0]?.openers).toBeNull()
    expect(openers(units[0] as NonNullable<(typeof units)[0]>).has(consultant as number)).toBe(true)
  })

  it('keeps a reading per chunk id and forgets the least recently used beyond its bound', () => {
    const readings = createPassageReadings(2)
    const first = readings.read(1, contract)
    expect(readings.read(1, contract)).toBe(first)
    readings.read(2, 'Another passage.')
    readings.read(1, contract)
    readings.read(3, 'A third passage.')
    // 2 was the least recently used: read anew; 1 was kept.
    expect(readings.read(1, contract)).toBe(first)
    const second = readings.read(2, 'Another passage.')
    expect(readings.read(2, 'Another passage.')).toBe(second)
    // Without a chunk id nothing is kept.
    expect(readings.read(undefined, contract)).not.toBe(readings.read(undefined, contract))
  })

  it('judges whether a unit reads as an answer once, when first asked', () => {
    const unit = readPassage('From: John Doe <jdoe@machine.example>\nTo: Mary Smith <mary@example.net>\nSubject: Saying Hello').units[0]
    expect(unit?.quotable).toBeNull()
    expect(quotable(unit as NonNullable<typeof unit>)).toBe(false)
    expect(unit?.quotable).toBe(false)
  })
})
