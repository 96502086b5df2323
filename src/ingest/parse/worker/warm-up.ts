import { parseDocument } from '../parse-document.ts'

/**
 * A one-page PDF with one line of text, built here rather than shipped. Parsing
 * it once when a worker starts loads what the first real PDF would otherwise
 * wait for (pdf.js's in-thread worker, its standard font data).
 */
export function tinyPdf(text: string): Uint8Array {
  const content = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]
  let body = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((object, i) => {
    offsets.push(body.length)
    body += `${i + 1} 0 obj\n${object}\nendobj\n`
  })
  const xref = body.length
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return new TextEncoder().encode(body)
}

/** Parses the tiny PDF once; a failure only means the first real document pays the start-up cost. */
export async function warmUpParsers(maxBytes: number): Promise<void> {
  try {
    await parseDocument({ bytes: tinyPdf('DocuQuery parser warm-up: this line only loads the PDF reader.'), filename: 'warm-up.pdf' }, { maxBytes })
  } catch {
    // A worker that cannot warm up can still parse; nothing to report.
  }
}
