import protobuf from 'protobufjs/minimal.js';
import {
  ATTRIBUTE,
  ATTRIBUTE_TYPE,
  DATA_TYPE,
  DIMENSION,
  GRAPH,
  MODEL,
  NODE,
  OPERATOR_SET,
  SHAPE,
  tagOf,
  TENSOR,
  TENSOR_TYPE,
  TYPE,
  VALUE_INFO,
  WIRE,
} from './onnxProto.ts';

const IR_VERSION = 8;
const OPSET = 17;

/** The graph's input: mono 16 kHz samples, [1, 1, samples]. */
export const WARM_UP_INPUT = 'audio';
export const WARM_UP_OUTPUT = 'logits';
const CHANNELS = 64;
const VOCABULARY = 32;

interface Attribute {
  name: string;
  int?: number;
  float?: number;
  ints?: number[];
}

function message(write: (writer: protobuf.Writer) => void): Uint8Array {
  const writer = protobuf.Writer.create();
  write(writer);
  return writer.finish();
}

const bytesField = (w: protobuf.Writer, field: number, bytes: Uint8Array) => w.uint32(tagOf(field, WIRE.LENGTH_DELIMITED)).bytes(bytes);
const stringField = (w: protobuf.Writer, field: number, text: string) => w.uint32(tagOf(field, WIRE.LENGTH_DELIMITED)).string(text);
const intField = (w: protobuf.Writer, field: number, value: number) => w.uint32(tagOf(field, WIRE.VARINT)).int64(value);

function attribute({ name, int, float, ints }: Attribute): Uint8Array {
  return message((w) => {
    stringField(w, ATTRIBUTE.NAME, name);
    if (ints !== undefined) {
      w.uint32(tagOf(ATTRIBUTE.INTS, WIRE.LENGTH_DELIMITED)).fork();
      for (const value of ints) w.int64(value);
      w.ldelim();
      intField(w, ATTRIBUTE.TYPE, ATTRIBUTE_TYPE.INTS);
    } else if (float !== undefined) {
      w.uint32(tagOf(ATTRIBUTE.FLOAT, WIRE.FIXED32)).float(float);
      intField(w, ATTRIBUTE.TYPE, ATTRIBUTE_TYPE.FLOAT);
    } else {
      intField(w, ATTRIBUTE.INT, int ?? 0);
      intField(w, ATTRIBUTE.TYPE, ATTRIBUTE_TYPE.INT);
    }
  });
}

function tensor(name: string, dataType: number, dims: number[], raw: Uint8Array): Uint8Array {
  return message((w) => {
    for (const dim of dims) intField(w, TENSOR.DIMS, dim);
    intField(w, TENSOR.DATA_TYPE, dataType);
    stringField(w, TENSOR.NAME, name);
    bytesField(w, TENSOR.RAW_DATA, raw);
  });
}

function valueInfo(name: string, dims: (number | string)[]): Uint8Array {
  const shape = message((s) => {
    for (const dim of dims) {
      bytesField(s, SHAPE.DIM, message((d) => (typeof dim === 'number' ? intField(d, DIMENSION.VALUE, dim) : stringField(d, DIMENSION.PARAM, dim))));
    }
  });
  const tensorType = message((t) => {
    intField(t, TENSOR_TYPE.ELEM_TYPE, DATA_TYPE.FLOAT);
    bytesField(t, TENSOR_TYPE.SHAPE, shape);
  });
  return message((w) => {
    stringField(w, VALUE_INFO.NAME, name);
    bytesField(w, VALUE_INFO.TYPE, message((t) => bytesField(t, TYPE.TENSOR_TYPE, tensorType)));
  });
}

/** Builds the graph node by node; every intermediate gets a fresh name. */
class GraphBuilder {
  readonly nodes: Uint8Array[] = [];
  readonly initializers: Uint8Array[] = [];
  private names = 0;
  private seed = 1;

  private fresh(prefix: string): string {
    return `${prefix}_${this.names++}`;
  }

  /** A fixed pseudo-random sequence in [-0.5, 0.5): the graph is the same every time. */
  private random(): number {
    this.seed = (Math.imul(this.seed, 1103515245) + 12345) >>> 0;
    return this.seed / 2 ** 32 - 0.5;
  }

  floats(dims: number[], fill?: number): string {
    const values = new Float32Array(dims.reduce((a, b) => a * b, 1)).map(() => fill ?? this.random() * 0.2);
    return this.constant(DATA_TYPE.FLOAT, dims, new Uint8Array(values.buffer));
  }

  int8s(dims: number[]): string {
    const values = new Int8Array(dims.reduce((a, b) => a * b, 1)).map(() => Math.round(this.random() * 100));
    return this.constant(DATA_TYPE.INT8, dims, new Uint8Array(values.buffer));
  }

  int64s(values: number[]): string {
    return this.constant(DATA_TYPE.INT64, [values.length], new Uint8Array(new BigInt64Array(values.map(BigInt)).buffer));
  }

  private constant(dataType: number, dims: number[], raw: Uint8Array): string {
    const name = this.fresh('const');
    this.initializers.push(tensor(name, dataType, dims, raw));
    return name;
  }

  node(op: string, inputs: string[], attributes: Attribute[] = [], outputCount = 1): string[] {
    const outputs = Array.from({ length: outputCount }, () => this.fresh(op));
    this.nodes.push(
      message((w) => {
        for (const input of inputs) stringField(w, NODE.INPUT, input);
        for (const output of outputs) stringField(w, NODE.OUTPUT, output);
        stringField(w, NODE.OP_TYPE, op);
        for (const a of attributes) bytesField(w, NODE.ATTRIBUTE, attribute(a));
      }),
    );
    return outputs;
  }

  one(op: string, inputs: string[], attributes: Attribute[] = []): string {
    return this.node(op, inputs, attributes)[0];
  }
}

/**
 * A wav2vec2 in miniature, with random weights: the operators a CTC checkpoint runs (quantized and
 * float convolutions and matrix products, group and layer norms, GELU, attention's softmax), in the
 * patterns ONNX Runtime's quantizer and exporter write them, at a width that makes it tiny. Running
 * it makes the browser compile the runtime's hot kernels before a real model's weights are in memory
 * (see warmUpRuntime.ts). Its output means nothing.
 */
export function warmUpGraph(): Uint8Array {
  const g = new GraphBuilder();
  const half = g.floats([], 0.5);
  const one = g.floats([], 1);
  const sqrt2 = g.floats([], Math.SQRT2);
  const epsilon = g.floats([], 1e-5);
  const two = g.floats([], 2);
  const gelu = (x: string) => g.one('Mul', [g.one('Mul', [x, g.one('Add', [g.one('Erf', [g.one('Div', [x, sqrt2])]), one])]), half]);
  const dequantized = (y: string, scale: string) => g.one('Mul', [g.one('Cast', [y], [{ name: 'to', int: DATA_TYPE.FLOAT }]), g.one('Mul', [scale, g.floats([], 0.01)])]);
  const quantized = (op: 'ConvInteger' | 'MatMulInteger', x: string, weights: string, attributes: Attribute[] = []) => {
    const [a, scale, zeroPoint] = g.node('DynamicQuantizeLinear', [x], [], 3);
    return dequantized(g.one(op, [a, weights, zeroPoint, g.int8s([])], attributes), scale);
  };
  const transposed = (x: string, perm: number[]) => g.one('Transpose', [x], [{ name: 'perm', ints: perm }]);
  const layerNorm = (x: string) => {
    const centred = g.one('Sub', [x, g.one('ReduceMean', [x], [{ name: 'axes', ints: [-1] }])]);
    const variance = g.one('ReduceMean', [g.one('Pow', [centred, two])], [{ name: 'axes', ints: [-1] }]);
    const normed = g.one('Div', [centred, g.one('Sqrt', [g.one('Add', [variance, epsilon])])]);
    return g.one('Add', [g.one('Mul', [normed, g.floats([CHANNELS], 1)]), g.floats([CHANNELS], 0)]);
  };
  const heads = (x: string) => transposed(g.one('Reshape', [x, g.int64s([1, -1, 4, CHANNELS / 4])]), [0, 2, 1, 3]);

  // The feature encoder: strided convolutions (quantized and float), a group norm, GELU.
  let x = quantized('ConvInteger', WARM_UP_INPUT, g.int8s([CHANNELS, 1, 10]), [{ name: 'strides', ints: [5] }]);
  x = gelu(g.one('InstanceNormalization', [x, g.floats([CHANNELS], 1), g.floats([CHANNELS], 0)], [{ name: 'epsilon', float: 1e-5 }]));
  x = gelu(quantized('ConvInteger', x, g.int8s([CHANNELS, CHANNELS, 3]), [{ name: 'strides', ints: [2] }]));
  x = gelu(g.one('Conv', [x, g.floats([CHANNELS, CHANNELS, 2]), g.floats([CHANNELS])], [{ name: 'strides', ints: [2] }]));
  let h = layerNorm(transposed(x, [0, 2, 1]));
  h = g.one('Add', [quantized('MatMulInteger', h, g.int8s([CHANNELS, CHANNELS])), g.floats([CHANNELS])]);
  // The positional convolution: grouped and padded, its last frame sliced off.
  const positional = quantized('ConvInteger', transposed(h, [0, 2, 1]), g.int8s([CHANNELS, CHANNELS / 16, 8]), [
    { name: 'group', int: 16 },
    { name: 'pads', ints: [4, 4] },
  ]);
  const trimmed = g.one('Slice', [positional, g.int64s([0]), g.int64s([-1]), g.int64s([2])]);
  h = layerNorm(g.one('Add', [h, transposed(gelu(trimmed), [0, 2, 1])]));
  // Attention, then the feed-forward block, then the CTC head.
  const [q, k, v] = [0, 1, 2].map(() => heads(quantized('MatMulInteger', h, g.int8s([CHANNELS, CHANNELS]))));
  const scores = g.one('Div', [g.one('MatMul', [q, transposed(k, [0, 1, 3, 2])]), g.floats([], 4)]);
  const attended = g.one('MatMul', [g.one('Softmax', [scores], [{ name: 'axis', int: -1 }]), v]);
  const merged = g.one('Reshape', [transposed(attended, [0, 2, 1, 3]), g.int64s([1, -1, CHANNELS])]);
  h = layerNorm(g.one('Add', [h, g.one('MatMul', [merged, g.floats([CHANNELS, CHANNELS])])]));
  const hidden = gelu(quantized('MatMulInteger', h, g.int8s([CHANNELS, 4 * CHANNELS])));
  h = layerNorm(g.one('Add', [h, quantized('MatMulInteger', hidden, g.int8s([4 * CHANNELS, CHANNELS]))]));
  const logits = quantized('MatMulInteger', h, g.int8s([CHANNELS, VOCABULARY]));
  g.nodes.push(
    message((w) => {
      stringField(w, NODE.INPUT, logits);
      stringField(w, NODE.OUTPUT, WARM_UP_OUTPUT);
      stringField(w, NODE.OP_TYPE, 'Identity');
    }),
  );

  const graph = message((w) => {
    for (const node of g.nodes) bytesField(w, GRAPH.NODE, node);
    stringField(w, GRAPH.NAME, 'warm-up');
    for (const initializer of g.initializers) bytesField(w, GRAPH.INITIALIZER, initializer);
    bytesField(w, GRAPH.INPUT, valueInfo(WARM_UP_INPUT, [1, 1, 'samples']));
    bytesField(w, GRAPH.OUTPUT, valueInfo(WARM_UP_OUTPUT, [1, 'frames', VOCABULARY]));
  });
  return message((w) => {
    intField(w, MODEL.IR_VERSION, IR_VERSION);
    bytesField(w, MODEL.OPSET_IMPORT, message((o) => intField(o, OPERATOR_SET.VERSION, OPSET)));
    bytesField(w, MODEL.GRAPH, graph);
  });
}
