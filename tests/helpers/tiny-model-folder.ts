import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildTinyBertOnnx } from './tiny-bert-onnx.ts'

export interface TinyModelOptions {
  /** The folder's name (e5 models are recognised by it). */
  name?: string
  pooling?: 'mean' | 'cls' | 'max'
  /** `root`: ./model.onnx; `onnx`: ./onnx/model.onnx as on the model hubs. */
  layout?: 'root' | 'onnx'
  maxSeqLength?: number
  /** Leave out sentence-transformers' modules.json and 1_Pooling (a plain transformers export). */
  plain?: boolean
  seed?: number
  /** `sentence`: the ONNX graph outputs `sentence_embedding` (its [CLS] row) instead of token states. */
  output?: 'tokens' | 'sentence'
}

const specials = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]']
const words = `the of and to in is for that with on as are be by this from or at an not it was can may must
  any each all one two three days day year years time leave notice contract party shall within after before
  under who what when how many much does do did data file files license software copyright use using used
  question answer document page pages text email mail message user users work working team`.split(/\s+/)
const characters = 'abcdefghijklmnopqrstuvwxyz0123456789'.split('')
const punctuation = `.,;:!?'"()[]{}-_/\\&%$@#*+=<>|~\`^`.split('')

/** The WordPiece vocabulary: specials, words, single characters and their ## continuations, punctuation. */
export function tinyVocabulary(): string[] {
  return [...new Set([...specials, ...words.filter(Boolean), ...characters, ...characters.map((c) => `##${c}`), ...punctuation])]
}

/**
 * Writes a sentence-transformers style model folder with a random-weight BERT
 * and a BERT WordPiece tokenizer.json, as `git clone` of a model repository
 * would give (config.json, tokenizer.json, tokenizer_config.json, modules.json,
 * 1_Pooling/config.json, sentence_bert_config.json, the ONNX file).
 */
export function writeTinyModelFolder(options: TinyModelOptions = {}): string {
  const parent = mkdtempSync(join(tmpdir(), 'dq-model-'))
  const dir = join(parent, options.name ?? 'tiny-bert')
  mkdirSync(dir, { recursive: true })
  const vocabulary = tinyVocabulary()
  const shape = { vocabSize: vocabulary.length, hiddenSize: 32, heads: 4, intermediateSize: 64, maxPositions: 64, seed: options.seed ?? 1234, output: options.output ?? 'tokens' }
  const onnxDir = options.layout === 'onnx' ? join(dir, 'onnx') : dir
  mkdirSync(onnxDir, { recursive: true })
  writeFileSync(join(onnxDir, 'model.onnx'), buildTinyBertOnnx(shape))
  const json = (path: string, value: unknown) => writeFileSync(join(dir, path), JSON.stringify(value, null, 2))
  json('config.json', {
    architectures: ['BertModel'],
    model_type: 'bert',
    hidden_size: shape.hiddenSize,
    num_attention_heads: shape.heads,
    num_hidden_layers: 1,
    intermediate_size: shape.intermediateSize,
    max_position_embeddings: shape.maxPositions,
    vocab_size: shape.vocabSize,
    type_vocab_size: 2,
  })
  json('tokenizer.json', bertTokenizerJson(vocabulary))
  json('tokenizer_config.json', { do_lower_case: true, model_max_length: 512, pad_token: '[PAD]', cls_token: '[CLS]', sep_token: '[SEP]', unk_token: '[UNK]', tokenizer_class: 'BertTokenizer' })
  if (options.plain) return dir
  json('modules.json', [
    { idx: 0, name: '0', path: '', type: 'sentence_transformers.models.Transformer' },
    { idx: 1, name: '1', path: '1_Pooling', type: 'sentence_transformers.models.Pooling' },
    { idx: 2, name: '2', path: '2_Normalize', type: 'sentence_transformers.models.Normalize' },
  ])
  mkdirSync(join(dir, '1_Pooling'))
  const pooling = options.pooling ?? 'mean'
  json('1_Pooling/config.json', {
    word_embedding_dimension: shape.hiddenSize,
    pooling_mode_cls_token: pooling === 'cls',
    pooling_mode_mean_tokens: pooling === 'mean',
    pooling_mode_max_tokens: pooling === 'max',
    pooling_mode_mean_sqrt_len_tokens: false,
  })
  json('sentence_bert_config.json', { max_seq_length: options.maxSeqLength ?? 48, do_lower_case: false })
  return dir
}

function bertTokenizerJson(vocabulary: string[]) {
  const id = (token: string) => vocabulary.indexOf(token)
  const special = (token: string) => ({ id: id(token), content: token, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true })
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: specials.map(special),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [id('[CLS]')], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [id('[SEP]')], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocabulary.map((token, i) => [token, i])),
    },
  }
}
