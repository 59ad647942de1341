import { beforeEach, describe, expect, it } from 'vitest';
import type { AudioStream } from '../../../src/features/file/decode/audioStream.ts';
import { FileSource } from '../../../src/features/file/fileSource.ts';
import { jobActions, useJobStore } from '../../../src/jobs/jobStore.ts';
import { runJob } from '../../../src/jobs/runJob.ts';
import { ChunkPool } from '../../../src/shared/audio/chunkPool.ts';
import { CHUNK_SAMPLES } from '../../../src/shared/audioFormat.ts';
import { FakeEngine } from '../../support/fakeEngine.ts';

/** A decoded stream of `chunks` full chunks that counts how far it was read. */
function fakeAudio(chunks: number) {
  const read = { pulled: 0 };
  const stream: AudioStream = {
    durationSeconds: (chunks * CHUNK_SAMPLES) / 16_000,
    mode: 'streaming',
    warning: null,
    async *chunks(_signal, _fromSeconds, pool) {
      for (let i = 0; i < chunks; i++) {
        read.pulled++;
        yield pool!.take();
      }
    },
  };
  return { read, stream };
}

beforeEach(() => jobActions.reset());

describe('a dropped file as a job source', () => {
  it('feeds every decoded chunk to the engine, never more than the read-ahead bound ahead of it', async () => {
    const { stream } = fakeAudio(10);
    const limit = 2 * CHUNK_SAMPLES;
    const source = new FileSource(new File([new Uint8Array(8)], 'talk.opus'), limit, async () => stream, new ChunkPool(CHUNK_SAMPLES, 8));
    const engine = new FakeEngine();
    await runJob(source, engine, new AbortController().signal);
    expect(engine.receivedSamples).toBe(10 * CHUNK_SAMPLES);
    expect(source.readAhead!.peak).toBeLessThanOrEqual(limit - 1 + CHUNK_SAMPLES);
    expect(useJobStore.getState().status).toEqual({ state: 'done', message: 'Done: "talk.opus", 10 words in 0:40.' });
    expect(useJobStore.getState().job).toMatchObject({ kind: 'file', source: 'talk.opus', durationSeconds: 40 });
  });

  it('decodes file after file into the same few chunk buffers, which the engine hands back', async () => {
    const pool = new ChunkPool(CHUNK_SAMPLES, 8);
    const limit = 2 * CHUNK_SAMPLES;
    const run = () => runJob(new FileSource(new File([new Uint8Array(8)], 'talk.opus'), limit, async () => fakeAudio(10).stream, pool), new FakeEngine(), new AbortController().signal);
    await run();
    const afterOne = pool.allocated;
    // The read-ahead's chunks, the one being pushed and the one being decoded.
    expect(afterOne).toBeLessThanOrEqual(limit / CHUNK_SAMPLES + 2);
    for (let i = 0; i < 5; i++) await run();
    expect(pool.allocated).toBe(afterOne);
  });

  it('says how far it got in the status', () => {
    const source = new FileSource(new File([], 'a.wav'), 1, async () => fakeAudio(0).stream, new ChunkPool(CHUNK_SAMPLES, 8));
    expect(source.runningMessage(null)).toBe('Transcribing "a.wav"…');
    expect(source.runningMessage(42)).toBe('Transcribing "a.wav"… 42 %');
  });
});
