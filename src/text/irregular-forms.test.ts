import { describe, expect, it } from 'vitest'
import { irregularForms } from './irregular-forms.ts'

describe('irregularForms', () => {
  it('joins the forms a stemmer cannot', () => {
    expect(irregularForms('pay')).toEqual(['paid'])
    expect(irregularForms('Sent')).toEqual(['send'])
    expect(irregularForms('children')).toEqual(['child'])
    expect(irregularForms('written')).toEqual(expect.arrayContaining(['write', 'wrote']))
  })

  it('knows nothing of regular words', () => {
    expect(irregularForms('terminate')).toEqual([])
  })
})
