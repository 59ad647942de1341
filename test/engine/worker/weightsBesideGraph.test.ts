import protobuf from 'protobufjs/minimal.js';
import { describe, expect, it } from 'vitest';
import { splitWeightsFromGraph } from '../../../src/engine/worker/weightsBesideGraph.ts';

// onnx.proto field numbers, as the test writes and reads them.
const LEN = 2;
const tag = (field: number, wireType: number) => (field << 3) | wireType;

function tensor(name: string, raw: Uint8Array, dims: number[]): Uint8Array {
  const w = protobuf.Writer.create();
  for (const d of dims) w.uint32(tag(1, 0)).int64(d);
  return w.uint32(tag(2, 0)).int32(2).uint32(tag(8, LEN)).string(name).uint32(tag(9, LEN)).bytes(raw).finish();
}

function model(tensors: Uint8Array[]): Uint8Array {
  const graph = protobuf.Writer.create().uint32(tag(2, LEN)).string('g');
  for (const t of tensors) graph.uint32(tag(5, LEN)).bytes(t);
  const graphBytes = graph.finish();
  // A plain Uint8Array where protobufjs gives Node a Buffer.
  return new Uint8Array(protobuf.Writer.create()
    .uint32(tag(1, 0)).int64(8)
    .uint32(tag(2, LEN)).string('a producer')
    .uint32(tag(7, LEN)).bytes(graphBytes)
    .uint32(tag(14, LEN)).bytes(new Uint8Array([10, 1, 107, 18, 1, 118]))
    .finish());
}

type Fields = [number, number | Uint8Array][];

function fields(bytes: Uint8Array): Fields {
  const r = protobuf.Reader.create(bytes);
  const out: Fields = [];
  while (r.pos < r.len) {
    const t = r.uint32();
    out.push([t >>> 3, (t & 7) === LEN ? new Uint8Array(r.bytes()) : Number(r.int64())]);
  }
  return out;
}

const field = (f: Fields, n: number) => f.filter(([k]) => k === n).map(([, v]) => v);
const text = (v: number | Uint8Array) => new TextDecoder().decode(v as Uint8Array);

describe('an ONNX model with its weights beside the graph', () => {
  const weights = Uint8Array.from({ length: 3000 }, (_, i) => (i * 31) % 251);
  const bias = new Uint8Array([1, 2, 3, 4]);
  const original = model([tensor('w', weights, [3, 1000]), tensor('b', bias, [4])]);

  it('points a large tensor at where its bytes are in the file, and keeps everything else as it was', () => {
    const split = splitWeightsFromGraph(original, 'weights.bin')!;
    expect(split.movedInitializers).toBe(1);
    expect(split.graph.byteLength).toBeLessThan(original.byteLength - weights.byteLength + 100);

    const top = fields(split.graph);
    expect(top.map(([n]) => n)).toEqual([1, 2, 7, 14]);
    expect(field(top, 1)).toEqual([8]);
    expect(text(field(top, 2)[0])).toBe('a producer');
    expect(field(top, 14)).toEqual([new Uint8Array([10, 1, 107, 18, 1, 118])]);

    const graph = fields(field(top, 7)[0] as Uint8Array);
    expect(text(field(graph, 2)[0])).toBe('g');
    const [moved, kept] = field(graph, 5).map((t) => fields(t as Uint8Array));
    expect(field(moved, 1)).toEqual([3, 1000]);
    expect(text(field(moved, 8)[0])).toBe('w');
    expect(field(moved, 9)).toEqual([]);
    expect(field(moved, 14)).toEqual([1]);
    const entries = Object.fromEntries(
      field(moved, 13).map((e) => {
        const kv = fields(e as Uint8Array);
        return [text(field(kv, 1)[0]), text(field(kv, 2)[0])];
      }),
    );
    expect(entries.location).toBe('weights.bin');
    const offset = Number(entries.offset);
    expect(Number(entries.length)).toBe(weights.byteLength);
    expect(original.subarray(offset, offset + weights.byteLength)).toEqual(weights);

    expect(field(kept, 9)).toEqual([bias]);
    expect(field(kept, 13)).toEqual([]);
  });

  it('finds offsets within the view it is given, not its buffer', () => {
    const padded = new Uint8Array(original.byteLength + 100);
    padded.set(original, 100);
    const split = splitWeightsFromGraph(padded.subarray(100), 'weights.bin')!;
    expect(split.graph).toEqual(splitWeightsFromGraph(original, 'weights.bin')!.graph);
  });

  it('returns null when no tensor is worth moving', () => {
    expect(splitWeightsFromGraph(model([tensor('b', bias, [4])]), 'weights.bin')).toBeNull();
  });

  it('throws on bytes that are not a protobuf, and on a message cut short', () => {
    expect(() => splitWeightsFromGraph(new Uint8Array(100).fill(7), 'weights.bin')).toThrow();
    expect(() => splitWeightsFromGraph(original.subarray(0, original.byteLength - 2000), 'weights.bin')).toThrow();
  });
});
