import { AppError } from '../../../platform/app-error.ts'

const SUPPORTED = 'DocuQuery reads PDF, Word (.docx), e-mail (.eml), HTML, Markdown and plain text'

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

/** ZIP-based formats are told apart by the names of their entries, which appear uncompressed. */
export function classifyZip(bytes: Uint8Array): 'docx' {
  const buffer = asBuffer(bytes)
  const has = (name: string): boolean => buffer.includes(name, 0, 'latin1')
  if (has('word/document.xml')) return 'docx'
  let what = 'a ZIP archive'
  if (has('xl/workbook.xml')) what = 'an Excel workbook (.xlsx)'
  else if (has('ppt/presentation.xml')) what = 'a PowerPoint presentation (.pptx)'
  else if (has('application/vnd.oasis.opendocument')) what = 'an OpenDocument file (.odt/.ods/.odp); save it as .docx or PDF'
  else if (has('application/epub+zip')) what = 'an EPUB e-book'
  else if (has('META-INF/MANIFEST.MF')) what = 'a Java archive'
  throw unsupported(what)
}

/**
 * OLE/CFB containers are legacy Office files, or a modern Office file that was
 * encrypted: password protection wraps the .docx in an "EncryptedPackage" stream.
 * Stream names are stored in UTF-16LE in the directory sectors.
 */
export function refuseOleContainer(bytes: Uint8Array): never {
  const buffer = asBuffer(bytes)
  const has = (name: string): boolean => buffer.includes(Buffer.from(name, 'utf16le'))
  if (has('EncryptedPackage')) throw new AppError('encrypted', 'it is password-protected')
  if (has('WordDocument')) {
    throw new AppError('unsupported_type', 'legacy Word .doc files are not supported; save it as .docx or PDF')
  }
  if (has('Workbook') || has('Book')) throw unsupported('a legacy Excel .xls workbook')
  if (has('PowerPoint Document')) throw unsupported('a legacy PowerPoint .ppt presentation')
  if (has('__substg1.0_')) {
    throw new AppError('unsupported_type', 'Outlook .msg files are not supported; forward the e-mail or save it as .eml')
  }
  throw new AppError('unsupported_type', 'legacy Office files are not supported; save it as .docx or PDF')
}

export function unsupported(what: string): AppError {
  return new AppError('unsupported_type', `it is ${what}; ${SUPPORTED}`)
}
