import path from 'node:path'
import { PDFLoader } from '@langchain/community/document_loaders/fs/pdf'
import { createDocumentParser } from '../../src/parse/index.ts'
import { parsePdf } from '../../src/parse/formats/pdf-parser.ts'
import { readCorpusPdfs } from '../ingest-bench.ts'
import { corpusRoot } from '../paths.ts'
const files = readCorpusPdfs(Number(process.argv[2] ?? 300 * 1024)).filter((f) => !/encrypted|malformed|truncated|scanned-no|scanned-canon|garbled|jo\.pdf/.test(f.relative))
let t = performance.now()
for (const f of files) await new PDFLoader(path.join(corpusRoot, f.relative)).load()
console.log('langchain load', Math.round(performance.now() - t))
t = performance.now()
for (const f of files) await parsePdf(f.bytes).catch(() => null)
console.log('parsePdf main thread', Math.round(performance.now() - t))
const parser = createDocumentParser({ maxBytes: 1e8, timeoutMs: 60000, poolSize: 2 })
t = performance.now()
await Promise.all(files.slice(0, 2).map((f) => parser.parse({ bytes: f.bytes, filename: 'x.pdf' }).catch(() => null)))
console.log('first two in pool (cold)', Math.round(performance.now() - t))
t = performance.now()
await Promise.all(files.map((f) => parser.parse({ bytes: f.bytes, filename: 'x.pdf' }).catch(() => null)))
console.log('all in warm pool', Math.round(performance.now() - t))
await parser.close()
