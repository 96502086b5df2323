import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { decodeText } from './decode-text.ts'

describe('decodeText', () => {
  it('reads valid UTF-8 as UTF-8', () => {
    expect(decodeText(new TextEncoder().encode('Frösche über Äcker'))).toEqual({ text: 'Frösche über Äcker', encoding: 'utf-8' })
  })

  it('honours a BOM', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Grüße', 'utf16le')])
    expect(decodeText(utf16).text).toBe('Grüße')
    expect(decodeText(Buffer.from([0xef, 0xbb, 0xbf, 0x61])).text).toBe('a')
  })

  it('falls back to a detected single-byte charset when the bytes are not UTF-8', () => {
    const latin1 = iconv.encode('Die Hasen und die Frösche klagten über ihre mißliche Lage', 'latin1')
    expect(decodeText(latin1).text).toBe('Die Hasen und die Frösche klagten über ihre mißliche Lage')
  })

  it('uses a declared charset', () => {
    expect(decodeText(iconv.encode('Привет, мир', 'koi8-r'), 'koi8-r').text).toBe('Привет, мир')
  })

  it('recognises ISO-2022-JP by its escape sequences', () => {
    const bytes = Buffer.from('1b24422439245f245e243b247321231b2842', 'hex')
    expect(decodeText(bytes).text).toBe('すみません。')
  })

  it('refuses a declared UTF-7 (markup smuggling) and reads the bytes as they are', () => {
    expect(decodeText(Buffer.from('+ADw-b+AD4-'), 'utf-7').text).toBe('+ADw-b+AD4-')
  })
})
