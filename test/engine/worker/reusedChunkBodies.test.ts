import { describe, expect, it } from 'vitest';
import { CHUNK_BYTES, reusedChunkCache, withReusedChunks } from '../../../src/engine/worker/reusedChunkBodies.ts';

// The reader transformers.js reads every model file with (not exported by the package): the
// consumer these bodies are made for.
const HUB_UTILS = '../../../node_modules/@huggingface/transformers/src/utils/hub/utils.js';
const { readResponse } = (await import(HUB_UTILS)) as {
  readResponse(response: Response, onProgress: (progress: { loaded: number }) => void): Promise<Uint8Array>;
};

const MIB = 1 << 20;

function file(bytes: number): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes).map((_, i) => (i * 7919) % 251);
}

/** Byte equality without a per-element diff (slow at megabytes). */
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

describe('withReusedChunks', () => {
  it('gives transformers.js the file byte for byte, a chunk at a time', async () => {
    const bytes = file(3.5 * MIB);
    const progress: number[] = [];
    const read = await readResponse(withReusedChunks(new Response(bytes, { headers: { 'Content-Length': String(bytes.length) } })), ({ loaded }) => progress.push(loaded));
    expect(same(read, bytes)).toBe(true);
    expect(progress).toEqual([1, 2, 3, 3.5].map((m) => m * MIB));
  });

  it('hands every chunk out of one buffer, which moves on to the next read', async () => {
    const reader = withReusedChunks(new Response(file(2.5 * MIB))).body!.getReader();
    const chunks: Uint8Array[] = [];
    const sizes: number[] = [];
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      expect(next.value.buffer.byteLength).toBe(CHUNK_BYTES);
      chunks.push(next.value);
      sizes.push(next.value.byteLength);
    }
    expect(sizes).toEqual([MIB, MIB, 0.5 * MIB]);
    // A chunk kept past the next read is gone: the reader must copy it out first.
    expect(chunks.map((c) => c.byteLength)).toEqual([0, 0, 0]);
  });

  it('keeps the headers and leaves the body unread until it is read', async () => {
    const original = new Response(file(10), { headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': '10' } });
    const wrapped = withReusedChunks(original);
    expect(wrapped.headers.get('content-length')).toBe('10');
    expect(wrapped.headers.get('content-type')).toBe('application/octet-stream');
    expect(original.body!.locked).toBe(false);
    expect(same(await readResponse(wrapped, () => {}), file(10))).toBe(true);
    expect(original.bodyUsed).toBe(true);
  });

  it('leaves a response that is not a whole 200 as it is', () => {
    const missing = new Response('no such file', { status: 404 });
    const empty = new Response(null, { status: 204 });
    expect(withReusedChunks(missing)).toBe(missing);
    expect(withReusedChunks(empty)).toBe(empty);
  });
});

/** A Cache Storage of one cache in memory (Node has none), with the browser's key semantics left out. */
function storage(open: (name: string) => Promise<Map<string, Response>>): CacheStorage {
  return {
    async open(name: string) {
      const entries = await open(name);
      return {
        async match(key: string) {
          return entries.get(key)?.clone();
        },
        async put(key: string, response: Response) {
          entries.set(key, response);
        },
        async delete(key: string) {
          return entries.delete(key);
        },
      } as unknown as Cache;
    },
  } as unknown as CacheStorage;
}

describe('reusedChunkCache', () => {
  it('answers from the named cache with reused-chunk bodies, and stores and deletes there', async () => {
    const opened: string[] = [];
    const entries = new Map<string, Response>();
    const cache = reusedChunkCache('models', storage(async (name) => (opened.push(name), entries)));
    const bytes = file(1.5 * MIB);
    await cache.put('/m/model.onnx', new Response(bytes));
    expect(await cache.match('/m/other.onnx')).toBeUndefined();
    const hit = (await cache.match('/m/model.onnx'))!;
    const chunkSizes: number[] = [];
    const reader = hit.body!.getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) chunkSizes.push(next.value.buffer.byteLength);
    expect(chunkSizes).toEqual([CHUNK_BYTES, CHUNK_BYTES]);
    expect(await cache.delete('/m/model.onnx')).toBe(true);
    expect(await cache.match('/m/model.onnx')).toBeUndefined();
    expect(opened).toEqual(['models']);
  });

  it('is no cache at all when the browser refuses the storage', async () => {
    const cache = reusedChunkCache('models', storage(() => Promise.reject(new DOMException('refused', 'SecurityError'))));
    await cache.put('/m/model.onnx', new Response('x'));
    expect(await cache.match('/m/model.onnx')).toBeUndefined();
    expect(await cache.delete('/m/model.onnx')).toBe(false);
  });
});
