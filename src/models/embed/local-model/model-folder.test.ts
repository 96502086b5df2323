import { renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { writeTinyModelFolder } from '../../../../tests/helpers/tiny-model-folder.ts'
import { readModelFolder } from './model-folder.ts'

const messageOf = (fn: () => unknown): string => {
  try {
    fn()
  } catch (error) {
    return error instanceof Error ? `${(error as { code?: string }).code ?? ''}: ${error.message}` : String(error)
  }
  throw new Error('expected an error')
}

describe('reading a model folder', () => {
  it('finds the model at the root or in onnx/, and reads pooling, length and name', () => {
    const root = readModelFolder(writeTinyModelFolder({ pooling: 'cls', maxSeqLength: 40 }))
    expect(root.modelPath.endsWith(join('tiny-bert', 'model.onnx'))).toBe(true)
    expect(root).toMatchObject({ name: 'tiny-bert', pooling: 'cls', maxLength: 40, prefixes: { query: '', document: '' } })
    const hub = readModelFolder(writeTinyModelFolder({ layout: 'onnx', name: 'all-MiniLM-L6-v2', pooling: 'max' }))
    expect(hub.modelPath.endsWith(join('all-MiniLM-L6-v2', 'onnx', 'model.onnx'))).toBe(true)
    expect(hub.pooling).toBe('max')
  })

  it('names every missing file in one message', () => {
    const dir = writeTinyModelFolder()
    rmSync(join(dir, 'model.onnx'))
    rmSync(join(dir, 'tokenizer.json'))
    const message = messageOf(() => readModelFolder(dir))
    expect(message).toMatch(/^invalid_input: EMBEDDINGS_MODEL_DIR .*tiny-bert is not a sentence-transformers ONNX export/)
    expect(message).toContain('no model.onnx (or onnx/model.onnx), no tokenizer.json')
    expect(message).not.toContain('config.json')
    expect(messageOf(() => readModelFolder(join(dir, 'nope')))).toMatch(/EMBEDDINGS_MODEL_DIR .*nope is not a folder/)
  })

  it('uses mean pooling and the model limit for a plain transformers export', () => {
    const folder = readModelFolder(writeTinyModelFolder({ plain: true }))
    // tokenizer_config says 512, the position table holds 64.
    expect(folder).toMatchObject({ pooling: 'mean', maxLength: 64 })
  })

  it('adds e5 prefixes when the folder is an e5 model, or when the folder declares prompts', () => {
    expect(readModelFolder(writeTinyModelFolder({ name: 'multilingual-e5-small' })).prefixes).toEqual({ query: 'query: ', document: 'passage: ' })
    expect(readModelFolder(writeTinyModelFolder({ name: 'e5-small-v2' })).prefixes.query).toBe('query: ')
    expect(readModelFolder(writeTinyModelFolder({ name: 'bge-small-en-v1.5' })).prefixes).toEqual({ query: '', document: '' })
    const withPrompts = writeTinyModelFolder({ name: 'bge-small-en-v1.5' })
    writeFileSync(join(withPrompts, 'config_sentence_transformers.json'), JSON.stringify({ prompts: { query: 'Represent this sentence for searching relevant passages: ' } }))
    expect(readModelFolder(withPrompts).prefixes).toEqual({ query: 'Represent this sentence for searching relevant passages: ', document: '' })
  })

  it('refuses modules it cannot run, and pooling modes it does not know', () => {
    const dense = writeTinyModelFolder()
    writeFileSync(
      join(dense, 'modules.json'),
      JSON.stringify([
        { idx: 0, name: '0', path: '', type: 'sentence_transformers.models.Transformer' },
        { idx: 1, name: '1', path: '1_Pooling', type: 'sentence_transformers.models.Pooling' },
        { idx: 2, name: '2', path: '2_Dense', type: 'sentence_transformers.models.Dense' },
      ]),
    )
    expect(messageOf(() => readModelFolder(dense))).toMatch(/modules\.json has sentence_transformers\.models\.Dense, which DocuQuery cannot run/)
    const lastToken = writeTinyModelFolder()
    writeFileSync(join(lastToken, '1_Pooling', 'config.json'), JSON.stringify({ pooling_mode_lasttoken: true }))
    expect(messageOf(() => readModelFolder(lastToken))).toMatch(/asks for lasttoken pooling; DocuQuery pools by mean, cls or max/)
    const broken = writeTinyModelFolder()
    writeFileSync(join(broken, 'config.json'), '{ not json')
    expect(messageOf(() => readModelFolder(broken))).toMatch(/config\.json is not valid JSON/)
  })

  it('finds the pooling config where modules.json points', () => {
    const dir = writeTinyModelFolder({ pooling: 'cls' })
    renameSync(join(dir, '1_Pooling'), join(dir, 'pooling'))
    writeFileSync(
      join(dir, 'modules.json'),
      JSON.stringify([
        { idx: 0, name: '0', path: '', type: 'sentence_transformers.models.Transformer' },
        { idx: 1, name: '1', path: 'pooling', type: 'sentence_transformers.models.Pooling' },
      ]),
    )
    expect(readModelFolder(dir).pooling).toBe('cls')
  })
})
