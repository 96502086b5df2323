import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { corpusPath } from '../../../../tests/helpers/corpus.ts'
import { onnxPackagesInstalled } from '../../../../tests/helpers/onnx-packages.ts'
import { writeTinyModelFolder } from '../../../../tests/helpers/tiny-model-folder.ts'
import { loadOnnxPackages } from './load-onnx-packages.ts'
import { readModelFolder } from './model-folder.ts'
import { createTokenEncoder } from './token-encoder.ts'

describe.runIf(onnxPackagesInstalled())('token encoder', () => {
  it('gives what tokenizing the whole text and cutting between [CLS] and [SEP] gives', async () => {
    const { Tokenizer } = await loadOnnxPackages()
    const folder = readModelFolder(writeTinyModelFolder())
    const tokenizer = new Tokenizer(folder.tokenizerJson, folder.tokenizerConfig)
    const handbook = readFileSync(corpusPath('text/markdown/18f-handbook-leave.md'), 'utf8')
    const texts = [handbook, handbook.slice(1234, 1600), 'x'.repeat(5000), `${'y'.repeat(300)} ${'z '.repeat(200)}`, 'short one', '']
    for (const maxLength of [8, 64, 512]) {
      const encode = createTokenEncoder(tokenizer, maxLength)
      for (const text of texts) {
        const whole = tokenizer.encode(text).ids
        const expected = whole.length <= maxLength ? whole : [...whole.slice(0, maxLength - 1), whole[whole.length - 1]]
        expect(encode(text)).toEqual(expected)
      }
    }
  })
})
