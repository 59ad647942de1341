import { describe, expect, it } from 'vitest';
import { WriteBehindQueue, type JobWrites } from '../../../src/features/library/writeBehindQueue.ts';
import { makeWords } from '../../support/libraryFixtures.ts';

const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

/** A writer that records each call and can be made slow or failing. */
function recordingWriter() {
  const calls: JobWrites[][] = [];
  const control = { delayMs: 0, failWith: null as unknown };
  const write = async (writes: readonly JobWrites[]) => {
    calls.push(writes.map((w) => ({ ...w, batches: [...w.batches] })));
    if (control.delayMs) await tick(control.delayMs);
    if (control.failWith !== null) throw control.failWith;
    return [];
  };
  return { calls, control, write };
}

function append(queue: WriteBehindQueue, jobId: string, seq: number) {
  queue.update(jobId, (w) => {
    w.batches.push({ jobId, seq, words: makeWords(2, seq * 2) });
    w.summaryPatch = { ...w.summaryPatch, wordCount: (seq + 1) * 2 };
  });
  queue.schedule(0);
}

describe('WriteBehindQueue', () => {
  it('writes what was queued on the next turn, and flush() waits for it', async () => {
    const { calls, write } = recordingWriter();
    const results: unknown[] = [];
    const queue = new WriteBehindQueue(write, (error) => results.push(error));
    append(queue, 'a', 0);
    expect(calls).toHaveLength(0);
    await queue.flush();
    expect(calls).toHaveLength(1);
    expect(calls[0][0].batches.map((b) => b.seq)).toEqual([0]);
    expect(results).toEqual([null]);
    expect(queue.unsavedJobIds()).toEqual([]);
  });

  it('gathers windows that arrive during a slow write into the next one', async () => {
    const { calls, control, write } = recordingWriter();
    control.delayMs = 30;
    const queue = new WriteBehindQueue(write, () => {});
    append(queue, 'a', 0);
    await tick(5);
    for (let seq = 1; seq <= 4; seq++) append(queue, 'a', seq);
    await tick(5);
    await queue.flush();
    expect(calls.map((c) => c[0].batches.map((b) => b.seq))).toEqual([[0], [1, 2, 3, 4]]);
    expect(calls[1][0].summaryPatch).toEqual({ wordCount: 10 });
  });

  it('keeps failed writes, in order before newer ones, for the next flush', async () => {
    const { calls, control, write } = recordingWriter();
    const errors: unknown[] = [];
    const queue = new WriteBehindQueue(write, (error) => errors.push(error));
    const diskFull = new Error('disk full');
    control.failWith = diskFull;
    append(queue, 'a', 0);
    queue.update('a', (w) => {
      w.edits = { jobId: 'a', words: makeWords(1), savedAt: 1 };
    });
    await queue.flush();
    append(queue, 'a', 1);
    control.failWith = null;
    await queue.flush();
    expect(errors).toEqual([diskFull, null]);
    const last = calls.at(-1)![0];
    expect(last.batches.map((b) => b.seq)).toEqual([0, 1]);
    expect(last.summaryPatch).toEqual({ wordCount: 4 });
    expect(last.edits?.savedAt).toBe(1);
  });

  it('holds everything, readable, while there is no writer', async () => {
    const queue = new WriteBehindQueue(null, () => {});
    append(queue, 'a', 0);
    append(queue, 'b', 0);
    await queue.flush();
    expect(queue.unsavedJobIds()).toEqual(['a', 'b']);
    expect(queue.unsaved('a')!.batches).toHaveLength(1);
    queue.discard('a');
    expect(queue.unsavedJobIds()).toEqual(['b']);
  });

  it('writes at the earliest time asked: a later request does not postpone it', async () => {
    const { calls, write } = recordingWriter();
    const queue = new WriteBehindQueue(write, () => {});
    queue.update('a', (w) => {
      w.edits = { jobId: 'a', words: [], savedAt: 1 };
    });
    queue.schedule(30);
    await tick(20);
    queue.schedule(30);
    await tick(20);
    expect(calls).toHaveLength(1);
    queue.close();
  });
});
