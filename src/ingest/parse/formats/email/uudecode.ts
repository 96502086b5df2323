/**
 * mailparser leaves Content-Transfer-Encoding x-uuencode undecoded (Netscape 4,
 * old Mac mailers), so such parts would arrive as "begin 644 name" text.
 */
const BEGIN_LINE = /^\s*begin [0-7]{3,4} [^\r\n]*\r?\n/

export function isUuencoded(bytes: Uint8Array): boolean {
  return BEGIN_LINE.test(Buffer.from(bytes.subarray(0, 512)).toString('latin1'))
}

export function uudecode(bytes: Uint8Array): Uint8Array {
  const text = Buffer.from(bytes).toString('latin1').replace(BEGIN_LINE, '')
  const out: number[] = []
  for (const line of text.split(/\r?\n/)) {
    if (line === 'end' || line === '`' || line === '') continue
    const length = (line.charCodeAt(0) - 32) & 0x3f
    if (length === 0) continue
    const sextets = [...line.slice(1)].map((ch) => (ch.charCodeAt(0) - 32) & 0x3f)
    const lineBytes: number[] = []
    for (let i = 0; i < sextets.length && lineBytes.length < length; i += 4) {
      const [a = 0, b = 0, c = 0, d = 0] = sextets.slice(i, i + 4)
      lineBytes.push(((a << 2) | (b >> 4)) & 0xff, ((b << 4) | (c >> 2)) & 0xff, ((c << 6) | d) & 0xff)
    }
    out.push(...lineBytes.slice(0, length))
  }
  return new Uint8Array(out)
}
