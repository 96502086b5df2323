/**
 * Messages between the service and the thread that owns PGlite. Values cross
 * by structured clone, so Dates, Uint8Arrays and BigInts arrive as they left.
 */
export type DatabaseRequest =
  | {
      type: 'query'
      id: number
      /** The transaction this statement belongs to, or null to run on its own. */
      txId: number | null
      sql: string
      params: unknown[]
      rowMode: 'array' | 'object'
      /** Columns of these type OIDs come back as PostgreSQL's text; the caller parses them. */
      rawTypes: number[]
    }
  | { type: 'begin'; id: number }
  | { type: 'end'; id: number; txId: number; commit: boolean }
  | { type: 'close'; id: number }

export interface QueryResult {
  rows: unknown[]
  fields: Array<{ name: string; dataTypeID: number }>
  affectedRows?: number
}

export type DatabaseReply =
  | { type: 'ready' }
  | { type: 'open-failed'; error: SerializedDatabaseError }
  | { type: 'result'; id: number; result: QueryResult | number | null }
  | { type: 'error'; id: number; error: SerializedDatabaseError }

/**
 * A database error as PostgreSQL reported it: message plus its fields (code,
 * detail, constraint, …), which callers may read as they would in process.
 */
export interface SerializedDatabaseError {
  name: string
  message: string
  stack: string | undefined
  fields: Record<string, string | number | boolean | null>
}

export function serializeDatabaseError(error: unknown): SerializedDatabaseError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), stack: undefined, fields: {} }
  const fields: SerializedDatabaseError['fields'] = {}
  for (const [key, value] of Object.entries(error)) {
    if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') fields[key] = value
  }
  return { name: error.name, message: error.message, stack: error.stack, fields }
}

/** The error again, on this side, with the same name, message and fields. */
export function deserializeDatabaseError(value: SerializedDatabaseError): Error {
  const error = Object.assign(new Error(value.message), value.fields)
  error.name = value.name
  if (value.stack) error.stack = value.stack
  return error
}
