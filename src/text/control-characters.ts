// Whole terminal escape sequences first (CSI like ESC[2J, OSC like the ESC]8 hyperlink, and C1 CSI), so
// nothing of them is left to print; then any control character left on its own. Bidirectional
// overrides go too: they make "invoice<RLO>fdp.exe" display as "invoiceexe.pdf".
const ESCAPE_SEQUENCES = /\u001b\[[0-?]*[ -/]*[@-~]|\u009b[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[@-Z\\-_]/g
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g
const LINE_BREAKS = /[\t\n\r\u2028\u2029]+/g

/**
 * A one-line field people see (title, source, sender name) as stored: line
 * breaks and tabs become one space, every other C0/C1 control (ESC, BEL, …)
 * is removed, with the escape sequence it starts.
 */
export function sanitizeLabel(value: string): string {
  return value.replace(ESCAPE_SEQUENCES, '').replace(LINE_BREAKS, ' ').replace(CONTROLS, '').trim()
}

/** Text for a terminal: keeps line breaks (a lone CR, which rewrites the line, becomes one) and tabs, removes every other control. */
export function stripControlCharacters(text: string): string {
  return text.replace(ESCAPE_SEQUENCES, '').replace(/\r\n?/g, '\n').replace(CONTROLS, '')
}
