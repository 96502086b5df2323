/**
 * Undoes the most common mojibake: UTF-8 bytes that were read as Latin-1 and
 * saved again as UTF-8 ("â\u0080\u0093" for "–", "Ã©" for "é").
 *
 * A sequence is only replaced when it is exactly one well-formed UTF-8 character;
 * two-byte sequences must also give a Latin letter or symbol, because genuine
 * Latin-1 text can contain such pairs ("ß«") while C1 controls never occur in it.
 */
const MOJIBAKE_SEQUENCE = /[\u00C2-\u00DF][\u0080-\u00BF]|[\u00E0-\u00EF][\u0080-\u00BF]{2}|[\u00F0-\u00F4][\u0080-\u00BF]{3}/g

export function repairMojibake(text: string): string {
  return text.replace(MOJIBAKE_SEQUENCE, (sequence) => {
    const decoded = Buffer.from(sequence, 'latin1').toString('utf8')
    const codePoint = decoded.codePointAt(0) ?? 0xfffd
    if ([...decoded].length !== 1 || codePoint === 0xfffd) return sequence
    if (sequence.length === 2 && (codePoint < 0xa0 || codePoint > 0x24f)) return sequence
    return decoded
  })
}
