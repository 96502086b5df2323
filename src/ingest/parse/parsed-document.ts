/** What every parser produces: ordered blocks that keep structure for the chunker. */

export type DocumentKind = 'pdf' | 'docx' | 'email' | 'html' | 'markdown' | 'text'

export type Block =
  | { type: 'heading'; level: number; text: string; page?: number }
  | { type: 'paragraph'; text: string; page?: number }

/** A part of an e-mail (attachment or forwarded message) that becomes a document of its own. */
export interface ParsedPart {
  filename: string
  mimeType: string
  bytes: Uint8Array
}

export interface EmailMeta {
  subject: string | null
  from: string | null
  date: string | null
  messageId: string | null
}

export interface ParsedDocument {
  kind: DocumentKind
  mimeType: string
  /** Title from the document itself (PDF info, first heading, e-mail subject), if any. */
  title: string | null
  /** Page count when the format has pages (PDF); null otherwise. */
  pages: number | null
  blocks: Block[]
  parts: ParsedPart[]
  email: EmailMeta | null
}

export interface ParseInput {
  bytes: Uint8Array
  /** File name as given by the user or platform; a hint only, the bytes decide. */
  filename: string
  /** Declared MIME type, if the platform gave one; a hint only. */
  mimeType?: string
}

/** The parser port: bytes in, structured text out, or an AppError with a DESIGN.md code. */
export interface DocumentParser {
  parse(input: ParseInput): Promise<ParsedDocument>
  close(): Promise<void>
}
