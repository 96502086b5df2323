import { describe, expect, it } from 'vitest'
import { feedbackBlock, parseFeedbackValue, withFeedback, withPlainFeedbackButtons } from './feedback-blocks.ts'

const id = '3f2b7c1e-8a4d-4e6f-9b0a-1c2d3e4f5a6b'

describe('👍/👎 blocks', () => {
  it('round-trips the question id through the button values, and refuses anything else', () => {
    expect(parseFeedbackValue(`up:${id}`)).toEqual({ queryId: id, helpful: true })
    expect(parseFeedbackValue(`down:${id}`)).toEqual({ queryId: id, helpful: false })
    expect(parseFeedbackValue(`sideways:${id}`)).toBeNull()
    expect(parseFeedbackValue(`up:${id}; drop table`)).toBeNull()
    expect(parseFeedbackValue(undefined)).toBeNull()
  })

  it('goes under the last message of an answer, or after it when that message has 50 blocks already', () => {
    const section = { type: 'section', text: { type: 'mrkdwn', text: 'x' } }
    const short = withFeedback([{ text: 'a', blocks: [section] }], id, 'native')
    expect(short).toHaveLength(1)
    expect(short[0]?.blocks.map((b) => b.type)).toEqual(['section', 'context_actions'])
    const full = withFeedback([{ text: 'a', blocks: Array.from({ length: 50 }, () => section) }], id, 'native')
    expect(full.map((m) => m.blocks.length)).toEqual([50, 1])
    expect(withFeedback([{ text: 'a', blocks: [section] }], undefined, 'native')[0]?.blocks).toHaveLength(1)
  })

  it('turns context_actions into two plain buttons carrying the same values', () => {
    const plain = withPlainFeedbackButtons({ text: 'a', blocks: [feedbackBlock(id, 'native')] })
    expect(plain.blocks).toEqual([feedbackBlock(id, 'buttons')])
    const values = (plain.blocks[0]?.elements as Array<{ value: string }>).map((e) => e.value)
    expect(values).toEqual([`up:${id}`, `down:${id}`])
  })
})
