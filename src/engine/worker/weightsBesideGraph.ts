import protobuf from 'protobufjs/minimal.js';
import { DATA_LOCATION_EXTERNAL, ENTRY, fieldsOf, GRAPH, MODEL, tagOf, TENSOR, WIRE, type Field } from './onnxProto.ts';

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

const parts = (...pieces: Uint8Array[]): Parts => ({ pieces, length: pieces.reduce((n, p) => n + p.length, 0) });

function append(to: Parts, more: Parts): void {
  to.pieces.push(...more.pieces);
  to.length += more.length;
}

function delimited(fieldNumber: number, body: Parts): Parts {
  const head = protobuf.Writer.create().uint32(tagOf(fieldNumber, WIRE.LENGTH_DELIMITED)).uint32(body.length).finish();
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
      .uint32(tagOf(TENSOR.EXTERNAL_DATA, WIRE.LENGTH_DELIMITED))
      .fork()
      .uint32(tagOf(ENTRY.KEY, WIRE.LENGTH_DELIMITED))
      .string(key)
      .uint32(tagOf(ENTRY.VALUE, WIRE.LENGTH_DELIMITED))
      .string(value)
      .ldelim();
  }
  return writer.uint32(tagOf(TENSOR.DATA_LOCATION, WIRE.VARINT)).int32(DATA_LOCATION_EXTERNAL).finish();
}

/** A tensor whose raw bytes are large becomes a reference to where they already sit in the file. */
function movedTensor(bytes: Uint8Array, from: number, to: number, weightsPath: string): Parts | null {
  const fields = [...fieldsOf(bytes, from, to)];
  const raw = fields.find((f) => f.number === TENSOR.RAW_DATA && f.wireType === WIRE.LENGTH_DELIMITED);
  if (raw === undefined || raw.end - raw.payload < SMALLEST_MOVED_BYTES) return null;
  if (fields.some((f) => f.number === TENSOR.DATA_LOCATION || f.number === TENSOR.EXTERNAL_DATA)) return null;
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
    if (modelField.number !== MODEL.GRAPH || modelField.wireType !== WIRE.LENGTH_DELIMITED) return null;
    const body = rewriteMessage(model, modelField.payload, modelField.end, (graphField) => {
      if (graphField.number !== GRAPH.INITIALIZER || graphField.wireType !== WIRE.LENGTH_DELIMITED) return null;
      const tensor = movedTensor(model, graphField.payload, graphField.end, weightsPath);
      if (tensor === null) return null;
      movedInitializers += 1;
      return delimited(GRAPH.INITIALIZER, tensor);
    });
    return delimited(MODEL.GRAPH, body);
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
