/** A subject or name made safe to use as a file name (no path separators or control characters). */
export function safeFilename(name: string): string | undefined {
  const clean = name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '').replace(/\s+/g, ' ').trim().slice(0, 80)
  return clean === '' ? undefined : clean
}
