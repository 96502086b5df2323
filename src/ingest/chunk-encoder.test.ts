import { afterAll, describe, expect, it } from 'vitest'
import { createHashingEmbedder } from '../models/embed/hashing-embedder.ts'
import { createInlineChunkEncoder, createThreadedChunkEncoder } from './chunk-encoder.ts'

const contexts = ['Handbook\nLeave › Annual leave\nEmployees earn 20 days of annual leave.', 'Handbook\nExpenses\nReceipts are needed above 25 euros.']
const texts = ['Employees earn 20 days of annual leave.', 'Receipts are needed above 25 euros.']

describe('chunk encoders', () => {
  const threaded = createThreadedChunkEncoder()
  afterAll(() => threaded.close())

  it('encodes in a worker thread exactly as in this one', async () => {
    const request = { contexts, texts, localDimensions: 256 }
    expect(await threaded.encode(request)).toEqual(await createInlineChunkEncoder().encode(request))
  })

  it('gives the local embedder the same vectors as embedding in process', async () => {
    const [first] = await threaded.encode({ contexts, texts, localDimensions: 64 })
    const [expected] = await createHashingEmbedder(64).embed(contexts, 'document')
    expect(first?.embedding).toEqual(expected)
  })

  it('leaves embedding to the embedder when it is not the local one', async () => {
    const encoded = await threaded.encode({ contexts, texts, localDimensions: null })
    expect(encoded.map((e) => e.embedding)).toEqual([null, null])
    expect(encoded[0]?.termIds.length).toBeGreaterThan(0)
    expect(encoded[0]?.lexical).toMatch(/^\{\d+:[\d.e-]+(,\d+:[\d.e-]+)*\}\/\d+$/)
  })
})
