/** How much of a body one read takes. */
export const CHUNK_BYTES = 1 << 20;

type BodyReader = { byob: true; reader: ReadableStreamBYOBReader } | { byob: false; reader: ReadableStreamDefaultReader<Uint8Array> };

function readerOf(body: ReadableStream<Uint8Array>): BodyReader {
  try {
    return { byob: true, reader: body.getReader({ mode: 'byob' }) };
  } catch {
    // Not a byte stream (an older engine): chunks as the body makes them.
    return { byob: false, reader: body.getReader() };
  }
}

/**
 * The same response with its body read into one reused buffer. A fetch or Cache Storage body
 * hands its reader a new buffer for every chunk; transformers.js copies each one into the file's
 * buffer and drops it, so a model file leaves tens of megabytes of chunks behind that the engine
 * worker's collector frees late, and while ONNX Runtime builds the session they sit beside the file
 * and the weights it copies. Read with a BYOB reader into one buffer, the body leaves none.
 *
 * Each chunk is valid until the next read (the buffer moves on to it): the reader must copy it out
 * first, as transformers.js's `readResponse` does, and so do Chromium's own `arrayBuffer()` and
 * `blob()` (Node's `arrayBuffer()` keeps the chunks and fails on them). Only a whole 200 response is
 * changed, and its body is not touched until it is read.
 */
export function withReusedChunks(response: Response): Response {
  const body = response.body;
  if (body === null || response.status !== 200) return response;
  let buffer = new ArrayBuffer(CHUNK_BYTES);
  let source: BodyReader | null = null;
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        source ??= readerOf(body);
        const { done, value } = source.byob ? await source.reader.read(new Uint8Array(buffer)) : await source.reader.read();
        if (done) {
          controller.close();
          return;
        }
        if (source.byob) buffer = value.buffer as ArrayBuffer;
        controller.enqueue(value);
      },
      cancel: (reason) => (source === null ? body.cancel(reason) : source.reader.cancel(reason)),
    },
    // Nothing read ahead: a chunk is handed over only when the reader asks, after it copied the last.
    { highWaterMark: 0 },
  );
  return new Response(stream, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/** The two calls transformers.js makes on a custom cache (`env.customCache`), plus the optional delete. */
export interface ModelFileCache {
  match(key: string): Promise<Response | undefined>;
  put(key: string, response: Response): Promise<void>;
  delete(key: string): Promise<boolean>;
}

/**
 * Cache Storage's `name` as transformers.js's cache, answering with reused-chunk bodies. A storage
 * the browser refuses (some private modes) means no cache, as transformers.js treats it.
 */
export function reusedChunkCache(name: string, storage: CacheStorage = caches): ModelFileCache {
  let opened: Promise<Cache | null> | null = null;
  const cache = () => (opened ??= storage.open(name).catch(() => null));
  return {
    async match(key) {
      const response = await (await cache())?.match(key);
      return response === undefined ? undefined : withReusedChunks(response);
    },
    async put(key, response) {
      await (await cache())?.put(key, response);
    },
    async delete(key) {
      return (await (await cache())?.delete(key)) ?? false;
    },
  };
}
