export { createDocumentParser } from './create-document-parser.ts'
export type { DocumentParserOptions } from './create-document-parser.ts'
export { detectDocumentType } from './detect/detect-document-type.ts'
export type { Block, DocumentKind, DocumentParser, EmailMeta, ParsedDocument, ParsedPart, ParseInput } from './parsed-document.ts'
