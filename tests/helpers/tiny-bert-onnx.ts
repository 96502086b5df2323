import onnxProto from 'onnx-proto'

const { onnx } = onnxProto
type INode = onnxProto.onnx.INodeProto
type ITensor = onnxProto.onnx.ITensorProto

export interface TinyBertShape {
  vocabSize: number
  hiddenSize: number
  heads: number
  intermediateSize: number
  maxPositions: number
  /** Random weights come from this seed, so the same shape and seed give the same model bytes. */
  seed: number
  /** `sentence`: the graph pools itself (its [CLS] row) and outputs `sentence_embedding` [batch, hidden] only. */
  output?: 'tokens' | 'sentence'
}

/**
 * A one-layer BERT encoder with random weights, written as ONNX the way
 * optimum / sentence-transformers export it: inputs `input_ids`,
 * `attention_mask`, `token_type_ids` (int64, [batch, sequence]) and the output
 * `last_hidden_state` ([batch, sequence, hidden]). Real attention with the
 * padding mask, so padding a text in a batch must not change its vector.
 */
export function buildTinyBertOnnx(shape: TinyBertShape): Uint8Array {
  const { vocabSize: V, hiddenSize: H, heads, intermediateSize: I, maxPositions: P } = shape
  if (H % heads !== 0) throw new Error('hiddenSize must be a multiple of heads')
  const headSize = H / heads
  const random = mulberry32(shape.seed)
  const weights = (name: string, dims: number[], scale: number): ITensor => floatTensor(name, dims, dims.reduce((a, b) => a * b, 1), () => (random() * 2 - 1) * scale)
  const constant = (name: string, dims: number[], value: number): ITensor => floatTensor(name, dims, dims.reduce((a, b) => a * b, 1), () => value)

  const initializers: ITensor[] = [
    weights('word_embeddings', [V, H], 1),
    weights('position_embeddings', [P, H], 0.5),
    weights('token_type_embeddings', [2, H], 0.1),
    constant('emb_ln_gamma', [H], 1),
    constant('emb_ln_beta', [H], 0),
    ...['q', 'k', 'v', 'o'].flatMap((m) => [weights(`w${m}`, [H, H], 1 / Math.sqrt(H)), weights(`b${m}`, [H], 0.05)]),
    constant('attn_ln_gamma', [H], 1),
    constant('attn_ln_beta', [H], 0),
    weights('w1', [H, I], 1 / Math.sqrt(H)),
    weights('b1', [I], 0.05),
    weights('w2', [I, H], 1 / Math.sqrt(I)),
    weights('b2', [H], 0.05),
    constant('out_ln_gamma', [H], 1),
    constant('out_ln_beta', [H], 0),
    int64Tensor('zero_i64', [], [0]),
    int64Tensor('one_i64', [], [1]),
    int64Tensor('seq_axis', [], [1]),
    int64Tensor('mask_axes', [2], [1, 2]),
    int64Tensor('split_heads_shape', [4], [0, 0, heads, headSize]),
    int64Tensor('merge_heads_shape', [3], [0, 0, H]),
    constant('one_f', [], 1),
    constant('mask_penalty', [], -10000),
    constant('attn_scale', [], 1 / Math.sqrt(headSize)),
    constant('half', [], 0.5),
    constant('inv_sqrt2', [], Math.SQRT1_2),
  ]

  const nodes: INode[] = [
    // Embeddings: word + position + token type, then LayerNorm.
    node('Gather', ['word_embeddings', 'input_ids'], ['word']),
    node('Shape', ['input_ids'], ['ids_shape']),
    node('Gather', ['ids_shape', 'seq_axis'], ['seq_len']),
    node('Range', ['zero_i64', 'seq_len', 'one_i64'], ['position_ids']),
    node('Gather', ['position_embeddings', 'position_ids'], ['position']),
    node('Gather', ['token_type_embeddings', 'token_type_ids'], ['token_type']),
    node('Add', ['word', 'position'], ['word_position']),
    node('Add', ['word_position', 'token_type'], ['embeddings_sum']),
    layerNorm('embeddings_sum', 'emb_ln', 'x0'),
    // Padding positions get -10000 before the softmax, as BERT's extended attention mask does.
    node('Cast', ['attention_mask'], ['mask_f'], [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: onnx.TensorProto.DataType.FLOAT }]),
    node('Sub', ['one_f', 'mask_f'], ['mask_inverse']),
    node('Mul', ['mask_inverse', 'mask_penalty'], ['mask_bias_2d']),
    node('Unsqueeze', ['mask_bias_2d', 'mask_axes'], ['mask_bias']),
    // Self-attention.
    ...projection('x0', 'q', 'q_flat'),
    ...projection('x0', 'k', 'k_flat'),
    ...projection('x0', 'v', 'v_flat'),
    node('Reshape', ['q_flat', 'split_heads_shape'], ['q_split']),
    node('Reshape', ['k_flat', 'split_heads_shape'], ['k_split']),
    node('Reshape', ['v_flat', 'split_heads_shape'], ['v_split']),
    node('Transpose', ['q_split'], ['q_heads'], [ints('perm', [0, 2, 1, 3])]),
    node('Transpose', ['k_split'], ['k_heads_t'], [ints('perm', [0, 2, 3, 1])]),
    node('Transpose', ['v_split'], ['v_heads'], [ints('perm', [0, 2, 1, 3])]),
    node('MatMul', ['q_heads', 'k_heads_t'], ['scores_raw']),
    node('Mul', ['scores_raw', 'attn_scale'], ['scores_scaled']),
    node('Add', ['scores_scaled', 'mask_bias'], ['scores']),
    node('Softmax', ['scores'], ['probs'], [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: -1 }]),
    node('MatMul', ['probs', 'v_heads'], ['context_heads']),
    node('Transpose', ['context_heads'], ['context_t'], [ints('perm', [0, 2, 1, 3])]),
    node('Reshape', ['context_t', 'merge_heads_shape'], ['context']),
    ...projection('context', 'o', 'attn_out'),
    node('Add', ['attn_out', 'x0'], ['attn_residual']),
    layerNorm('attn_residual', 'attn_ln', 'x1'),
    // Feed-forward with the exact (erf) GELU.
    node('MatMul', ['x1', 'w1'], ['ff1_mm']),
    node('Add', ['ff1_mm', 'b1'], ['ff1']),
    node('Mul', ['ff1', 'inv_sqrt2'], ['ff1_scaled']),
    node('Erf', ['ff1_scaled'], ['ff1_erf']),
    node('Add', ['ff1_erf', 'one_f'], ['ff1_erf1']),
    node('Mul', ['ff1', 'ff1_erf1'], ['ff1_gelu2']),
    node('Mul', ['ff1_gelu2', 'half'], ['ff1_gelu']),
    node('MatMul', ['ff1_gelu', 'w2'], ['ff2_mm']),
    node('Add', ['ff2_mm', 'b2'], ['ff2']),
    node('Add', ['ff2', 'x1'], ['ff_residual']),
    layerNorm('ff_residual', 'out_ln', 'last_hidden_state'),
  ]
  const pooled = shape.output === 'sentence'
  if (pooled) nodes.push(node('Gather', ['last_hidden_state', 'zero_i64'], ['sentence_embedding'], [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 1 }]))

  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'docuquery-tests',
    opsetImport: [{ domain: '', version: 17 }],
    graph: {
      name: 'tiny-bert',
      node: nodes,
      initializer: initializers,
      input: ['input_ids', 'attention_mask', 'token_type_ids'].map((name) => valueInfo(name, onnx.TensorProto.DataType.INT64, ['batch', 'sequence'])),
      output: [
        pooled
          ? valueInfo('sentence_embedding', onnx.TensorProto.DataType.FLOAT, ['batch', H])
          : valueInfo('last_hidden_state', onnx.TensorProto.DataType.FLOAT, ['batch', 'sequence', H]),
      ],
    },
  })
  return onnx.ModelProto.encode(model).finish()
}

function projection(input: string, name: string, output: string): INode[] {
  return [node('MatMul', [input, `w${name}`], [`${output}_mm`]), node('Add', [`${output}_mm`, `b${name}`], [output])]
}

function layerNorm(input: string, prefix: string, output: string): INode {
  return node('LayerNormalization', [input, `${prefix}_gamma`, `${prefix}_beta`], [output], [
    { name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: -1 },
    { name: 'epsilon', type: onnx.AttributeProto.AttributeType.FLOAT, f: 1e-12 },
  ])
}

function node(opType: string, input: string[], output: string[], attribute: onnxProto.onnx.IAttributeProto[] = []): INode {
  return { opType, input, output, attribute, name: `${opType}_${output[0] ?? ''}` }
}

function ints(name: string, values: number[]): onnxProto.onnx.IAttributeProto {
  return { name, type: onnx.AttributeProto.AttributeType.INTS, ints: values }
}

function valueInfo(name: string, elemType: number, dims: Array<string | number>): onnxProto.onnx.IValueInfoProto {
  return {
    name,
    type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) } } },
  }
}

function floatTensor(name: string, dims: number[], count: number, value: () => number): ITensor {
  const data = new Float32Array(count)
  for (let i = 0; i < count; i++) data[i] = value()
  return { name, dims, dataType: onnx.TensorProto.DataType.FLOAT, rawData: new Uint8Array(data.buffer) }
}

function int64Tensor(name: string, dims: number[], values: number[]): ITensor {
  const data = new BigInt64Array(values.map((v) => BigInt(v)))
  return { name, dims, dataType: onnx.TensorProto.DataType.INT64, rawData: new Uint8Array(data.buffer) }
}

/** A small seeded PRNG: the test model's weights are the same on every machine. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
