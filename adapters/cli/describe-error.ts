/** The CLI's words for each error code; the message already says the specifics. */
const prefixes: Record<string, string> = {
  unsupported_type: 'unsupported type',
  too_large: 'too large',
  encrypted: 'encrypted',
  no_text: 'no text',
  garbled_text: 'garbled text',
  parse_failed: 'unreadable',
  parse_timeout: 'took too long to read',
  empty: 'empty',
  unreadable: 'damaged',
  invalid_input: 'cannot read',
  not_found: 'not found',
}

export function describeError(error: { code: string; message: string }): string {
  const prefix = prefixes[error.code]
  return prefix ? `${prefix} — ${error.message}` : error.message
}
