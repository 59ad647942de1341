import protobuf from 'protobufjs/minimal.js';

// Field numbers of onnx.proto (ModelProto.graph, GraphProto.initializer, TensorProto's data fields).
const MODEL_GRAPH = 7;
const GRAPH_INITIALIZER = 5;
const TENSOR_RAW_DATA = 9;
const TENSOR_EXTERNAL_DATA = 13;
const TENSOR_DATA_LOCATION = 14;
const ENTRY_KEY = 1;
const ENTRY_VALUE = 2;
const LENGTH_DELIMITED = 2;
const VARINT = 0;
const DATA_LOCATION_EXTERNAL = 1;
/** Smaller tensors stay in the graph (the threshold onnx's own external-data converter uses). */
const SMALLEST_MOVED_BYTES = 1024;

/** An ONNX model split the way ONNX Runtime loads it with `externalData`. */
export interface SplitModel {
  /** The model's protobuf with every large initializer's bytes replaced by a reference. */
  graph: Uint8Array;
  /** How many initializers now point into the weights file. */
  movedInitializers: number;
}

/** Encoded bytes, kept as the pieces they are made of until the end. */
interface Parts {
  pieces: Uint8Array[];
  length: number;
}

interface Field {
  number: number;
  wireType: number;
  /** From the field's tag to its end. */
  start: number;
  end: number;
  /** Where a length-delimited field's payload starts. */
  payload: number;
}

function* fieldsOf(bytes: Uint8Array, from: number, to: number): Generator<Field> {
  const reader = protobuf.Reader.create(bytes);
  reader.pos = from;
  reader.len = to;
  while (reader.pos < to) {
    const start = reader.pos;
    const tag = reader.uint32();
    const wireType = tag & 7;
    let payload = reader.pos;
    if (wireType === LENGTH_DELIMITED) {
      const length = reader.uint32();
      payload = reader.pos;
      reader.skip(length);
    } else {
      reader.skipType(wireType);
    }
    yield { number: tag >>> 3, wireType, start, end: reader.pos, payload };
  }
}

const parts = (...pieces: Uint8Array[]): Parts => ({ pieces, length: pieces.reduce((n, p) => n + p.length, 0) });

function append(to: Parts, more: Parts): void {
  to.pieces.push(...more.pieces);
  to.length += more.length;
}

function delimited(fieldNumber: number, body: Parts): Parts {
  const head = protobuf.Writer.create().uint32((fieldNumber << 3) | LENGTH_DELIMITED).uint32(body.length).finish();
  return parts(head, ...body.pieces);
}

/**
 * The message `bytes[from, to)` with the fields `rewrite` answers for replaced; every other field is
 * kept byte for byte, so whatever this code does not know about survives.
 */
function rewriteMessage(bytes: Uint8Array, from: number, to: number, rewrite: (field: Field) => Parts | null): Parts {
  const out = parts();
  for (const field of fieldsOf(bytes, from, to)) {
    append(out, rewrite(field) ?? parts(bytes.subarray(field.start, field.end)));
  }
  return out;
}

function externalReference(weightsPath: string, offset: number, length: number): Uint8Array {
  const writer = protobuf.Writer.create();
  for (const [key, value] of [['location', weightsPath], ['offset', String(offset)], ['length', String(length)]]) {
    writer
      .uint32((TENSOR_EXTERNAL_DATA << 3) | LENGTH_DELIMITED)
      .fork()
      .uint32((ENTRY_KEY << 3) | LENGTH_DELIMITED)
      .string(key)
      .uint32((ENTRY_VALUE << 3) | LENGTH_DELIMITED)
      .string(value)
      .ldelim();
  }
  return writer.uint32((TENSOR_DATA_LOCATION << 3) | VARINT).int32(DATA_LOCATION_EXTERNAL).finish();
}

/** A tensor whose raw bytes are large becomes a reference to where they already sit in the file. */
function movedTensor(bytes: Uint8Array, from: number, to: number, weightsPath: string): Parts | null {
  const fields = [...fieldsOf(bytes, from, to)];
  const raw = fields.find((f) => f.number === TENSOR_RAW_DATA && f.wireType === LENGTH_DELIMITED);
  if (raw === undefined || raw.end - raw.payload < SMALLEST_MOVED_BYTES) return null;
  if (fields.some((f) => f.number === TENSOR_DATA_LOCATION || f.number === TENSOR_EXTERNAL_DATA)) return null;
  const out = parts();
  for (const field of fields) {
    if (field !== raw) append(out, parts(bytes.subarray(field.start, field.end)));
  }
  append(out, parts(externalReference(weightsPath, raw.payload, raw.end - raw.payload)));
  return out;
}

/**
 * Rewrites an ONNX model so that its large initializers are read from `weightsPath`, a name under
 * which the caller mounts the model file itself: each reference is the offset of the tensor's bytes
 * in that file, so no weight is copied here. Given the model this way, ONNX Runtime Web copies each
 * weight straight into the tensor that holds it; given the whole file, it copies the file into its
 * WebAssembly heap and parses it there, so the heap holds the weights twice while the session is
 * built, and a WebAssembly heap never shrinks. Returns null when nothing is worth moving.
 */
export function splitWeightsFromGraph(model: Uint8Array, weightsPath: string): SplitModel | null {
  let movedInitializers = 0;
  const graph = rewriteMessage(model, 0, model.length, (modelField) => {
    if (modelField.number !== MODEL_GRAPH || modelField.wireType !== LENGTH_DELIMITED) return null;
    const body = rewriteMessage(model, modelField.payload, modelField.end, (graphField) => {
      if (graphField.number !== GRAPH_INITIALIZER || graphField.wireType !== LENGTH_DELIMITED) return null;
      const tensor = movedTensor(model, graphField.payload, graphField.end, weightsPath);
      if (tensor === null) return null;
      movedInitializers += 1;
      return delimited(GRAPH_INITIALIZER, tensor);
    });
    return delimited(MODEL_GRAPH, body);
  });
  if (movedInitializers === 0) return null;
  const joined = new Uint8Array(graph.length);
  let at = 0;
  for (const piece of graph.pieces) {
    joined.set(piece, at);
    at += piece.length;
  }
  return { graph: joined, movedInitializers };
}
