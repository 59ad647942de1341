import 'fake-indexeddb/auto';
import { IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openTranscriptLibrary, type TranscriptLibrary } from '../../../src/features/library/transcriptLibrary.ts';
import { LIBRARY_DB_NAME } from '../../../src/features/library/librarySchema.ts';
import { fakeStorage, IDBFactory, makeWords, newRecording, recordStoreOps, tabDeps } from '../../support/libraryFixtures.ts';

const opened: TranscriptLibrary[] = [];
async function open(factory: IDBFactory, extra: Parameters<typeof tabDeps>[1] = {}) {
  const library = await openTranscriptLibrary(tabDeps(factory, extra));
  opened.push(library);
  return library;
}

afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(opened.splice(0).map((library) => library.close()));
});

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('incremental saves', () => {
  it('writes one small batch and a summary patch per committed window, never the whole job', async () => {
    const library = await open(new IDBFactory());
    const job = await library.startJob(newRecording('Lecture'));
    for (let w = 0; w < 20; w++) job.append(makeWords(30, w * 30), (w + 1) * 10);
    await library.flush();

    const { ops } = recordStoreOps();
    job.append(makeWords(30, 600), 210);
    await library.flush();
    const puts = ops.filter((o) => o.op === 'put');
    expect(puts.map((p) => p.store).sort()).toEqual(['batches', 'summaries']);
    const batch = puts.find((p) => p.store === 'batches')!.value as { seq: number; words: unknown[] };
    expect(batch.seq).toBe(20);
    expect(batch.words).toHaveLength(30);
    expect(puts.find((p) => p.store === 'summaries')!.value).not.toHaveProperty('words');
    expect(ops.some((o) => o.store === 'batches' && o.op !== 'put')).toBe(false);

    const [listed] = await library.list();
    expect(listed).toMatchObject({ wordCount: 630, committedSeconds: 210, state: 'running' });
  });

  it('returns at once and batches windows that arrive while a write is under way', async () => {
    const library = await open(new IDBFactory());
    const job = await library.startJob(newRecording('Fast'));
    await library.flush();
    const { ops } = recordStoreOps();
    // Five windows in one go: the queue has not had a turn to write any of them yet.
    for (let w = 0; w < 5; w++) job.append(makeWords(10, w * 10), w + 1);
    expect(ops).toHaveLength(0);
    await library.flush();
    expect(ops.filter((o) => o.op === 'put' && o.store === 'batches')).toHaveLength(5);
    expect(ops.filter((o) => o.op === 'put' && o.store === 'summaries')).toHaveLength(1);
  });

  it('keeps the words, settings, source and end state of a finished job for export', async () => {
    const factory = new IDBFactory();
    const library = await open(factory);
    const job = await library.startJob(newRecording('Memo'));
    job.append(makeWords(7), 3);
    job.append([], 4);
    job.append(makeWords(5, 7), 6);
    job.setDuration(6.5);
    await job.finish('error', 'The microphone stopped.');

    const again = await open(factory);
    const loaded = await again.loadTranscript(job.id);
    expect(loaded!.words).toEqual(makeWords(12));
    expect(loaded!.summary).toMatchObject({ name: 'Memo', state: 'error', message: 'The microphone stopped.', durationSeconds: 6.5, committedSeconds: 6, wordCount: 12, model: 'tone-ctc' });
    expect(loaded!.source).toMatchObject({ kind: 'recording', durationSeconds: 6.5 });
    expect(loaded!.settings).toEqual({ model: 'tone-ctc', dtype: 'q8', windowSeconds: 10, strideSeconds: 2 });
    expect(job.running).toBe(false);
    job.append(makeWords(3), 9);
    await again.flush();
    expect((await again.loadTranscript(job.id))!.words).toHaveLength(12);
  });
});

describe('edits', () => {
  it('saves the edited list as one record within the edit delay, replacing the previous one', async () => {
    const factory = new IDBFactory();
    const library = await open(factory, { timing: { editSaveDelayMs: 40 } });
    const job = await library.startJob(newRecording('Notes'));
    job.append(makeWords(4), 2);
    await job.finish('done');

    const { ops } = recordStoreOps();
    const edited = makeWords(4).map((w, i) => (i === 1 ? { ...w, text: 'slow' } : w));
    library.saveEdits(job.id, makeWords(4).map((w) => ({ ...w, text: w.text.toUpperCase() })));
    await tick(10);
    library.saveEdits(job.id, edited);
    expect(ops.filter((o) => o.store === 'edits')).toHaveLength(0);
    await tick(60);
    const editPuts = ops.filter((o) => o.store === 'edits' && o.op === 'put');
    expect(editPuts).toHaveLength(1);
    expect((editPuts[0].value as { words: unknown }).words).toEqual(edited);

    const loaded = await (await open(factory)).loadTranscript(job.id);
    expect(loaded!.editedWords).toEqual(edited);
    expect(loaded!.words).toEqual(makeWords(4));
    expect(loaded!.summary.edited).toBe(true);
    expect(loaded!.summary.editsBytes).toBeGreaterThan(0);
  });
});

describe('history', () => {
  it('lists newest first, renames, and sums the size on disk', async () => {
    let now = 1_000;
    const library = await open(new IDBFactory(), { now: () => now });
    const ids: string[] = [];
    for (const name of ['first', 'second', 'third']) {
      now += 1_000;
      const job = await library.startJob(newRecording(name));
      job.append(makeWords(10), 3);
      await job.finish('done');
      ids.push(job.id);
    }
    expect(await library.rename(ids[0], '  Renamed  ')).toBe(true);
    expect(await library.rename(ids[0], '   ')).toBe(false);
    const listed = await library.list();
    expect(listed.map((j) => j.name)).toEqual(['third', 'second', 'Renamed']);
    const used = await library.storageUsed();
    expect(used.transcriptsBytes).toBe(listed.reduce((s, j) => s + j.sizeBytes, 0));
    expect(used.transcriptsBytes).toBeGreaterThan(30 * 48);
    expect(used.usageBytes).toBeNull();
  });

  it('deletes softly: undo within the window brings it back, after it everything is purged', async () => {
    const factory = new IDBFactory();
    const library = await open(factory, { timing: { undoDeleteMs: 80 } });
    const job = await library.startJob(newRecording('Oops'));
    job.append(makeWords(10), 3);
    library.saveEdits(job.id, makeWords(10));
    await job.finish('done');

    const result = await library.delete(job.id);
    expect(result.deleted).toBe(true);
    expect(await library.list()).toHaveLength(0);
    expect(await library.undoDelete(job.id)).toBe(true);
    expect((await library.list()).map((j) => j.id)).toEqual([job.id]);

    await library.delete(job.id);
    await tick(150);
    expect(await library.undoDelete(job.id)).toBe(false);
    expect(await library.loadTranscript(job.id)).toBeNull();
    const raw = await rawCounts(factory);
    expect(raw).toEqual({ jobs: 0, summaries: 0, batches: 0, edits: 0, sourceFiles: 0 });
  });

  it('finishes a purge that a closed tab left pending', async () => {
    let now = 10_000;
    const factory = new IDBFactory();
    const first = await open(factory, { now: () => now, timing: { undoDeleteMs: 5_000 } });
    const job = await first.startJob(newRecording('Gone'));
    job.append(makeWords(3), 1);
    await job.finish('done');
    await first.delete(job.id);
    await first.close();
    now += 6_000;
    await open(factory, { now: () => now, timing: { undoDeleteMs: 5_000 } });
    expect((await rawCounts(factory)).batches).toBe(0);
  });

  it('refuses to delete a running job, and deletes all the others with undo', async () => {
    const library = await open(new IDBFactory(), { timing: { undoDeleteMs: 5_000 } });
    const running = await library.startJob(newRecording('Live'));
    const done = await library.startJob(newRecording('Done'));
    await done.finish('done');
    const refused = await library.delete(running.id);
    expect(refused).toEqual({ deleted: false, reason: '"Live" is still being transcribed: stop it first.' });
    const all = await library.deleteAll();
    expect(all).toEqual({ deleted: [done.id], stillRunning: [running.id] });
    expect((await library.list()).map((j) => j.name)).toEqual(['Live']);
    expect(await library.undoDelete(done.id)).toBe(true);
    expect(await library.list()).toHaveLength(2);
  });
});

async function rawCounts(factory: IDBFactory): Promise<Record<string, number>> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = factory.open(LIBRARY_DB_NAME);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const counts: Record<string, number> = {};
  const tx = db.transaction([...db.objectStoreNames], 'readonly');
  await Promise.all(
    [...db.objectStoreNames].map(
      (name) =>
        new Promise<void>((resolve) => {
          const request = tx.objectStore(name).count();
          request.onsuccess = () => {
            counts[name] = request.result;
            resolve();
          };
        }),
    ),
  );
  db.close();
  return counts;
}

describe('failure handling', () => {
  it('works in memory and says why when there is no IndexedDB', async () => {
    const library = await open(null as unknown as IDBFactory);
    expect(library.status.getState()).toMatchObject({ storage: 'memory', problem: 'unavailable' });
    expect(library.status.getState().message).toMatch(/does not let the page store data/);
    const job = await library.startJob(newRecording('Private'));
    job.append(makeWords(5), 2);
    await library.flush();
    expect((await library.list()).map((j) => j.wordCount)).toEqual([5]);
    expect((await library.loadTranscript(job.id))!.words).toEqual(makeWords(5));
    expect((await library.search('fox'))[0]).toMatchObject({ jobId: job.id, wordIndex: 3 });
    expect(await library.keepSourceFile(job.id, new File(['x'], 'a.wav'))).toMatchObject({ kept: false, reason: 'no-database' });
  });

  it('works in memory when open() fails, with the reason', async () => {
    const factory = new IDBFactory();
    // A database of a newer version: the real VersionError a downgrade meets.
    await new Promise<void>((resolve) => {
      const request = factory.open(LIBRARY_DB_NAME, 99);
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
    });
    const library = await open(factory);
    expect(library.status.getState()).toMatchObject({ storage: 'memory', problem: 'unavailable' });
    expect(library.status.getState().message).toMatch(/newer version of the app/);

    const refusing = { open: () => { throw new DOMException('The operation is insecure.', 'SecurityError'); } } as unknown as IDBFactory;
    const blocked = await open(refusing);
    expect(blocked.status.getState().message).toMatch(/refuses to store data/);
    const job = await blocked.startJob(newRecording('Still works'));
    job.append(makeWords(2), 1);
    await job.finish('done');
    expect((await blocked.list())[0]).toMatchObject({ state: 'done', wordCount: 2 });
  });

  it('reports a full quota, keeps the words in memory, and saves them once there is room', async () => {
    const factory = new IDBFactory();
    const library = await open(factory);
    const job = await library.startJob(newRecording('Long'));
    job.append(makeWords(10), 3);
    await library.flush();

    const put = IDBObjectStore.prototype.put;
    const full = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<typeof put>) {
      if (this.name === 'batches') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    });
    expect(() => job.append(makeWords(10, 10), 6)).not.toThrow();
    await library.flush();
    expect(library.status.getState()).toMatchObject({ storage: 'indexeddb', problem: 'quota' });
    expect(library.status.getState().message).toMatch(/storage for this site is full/);
    job.append(makeWords(10, 20), 9);
    await library.flush();
    // Nothing of the failed windows is on disk, half-written or otherwise; the tab still has it all.
    expect((await rawCounts(factory)).batches).toBe(1);
    expect((await library.loadTranscript(job.id))!.words).toEqual(makeWords(30));
    expect((await library.list())[0].wordCount).toBe(30);

    full.mockRestore();
    job.append(makeWords(10, 30), 12);
    await library.flush();
    expect(library.status.getState().problem).toBeNull();
    const fresh = await open(factory);
    expect((await fresh.loadTranscript(job.id))!.words).toEqual(makeWords(40));
  });

  it('skips a corrupt summary or batch with a message naming it, and opens the rest', async () => {
    const factory = new IDBFactory();
    const library = await open(factory);
    const good = await library.startJob(newRecording('Good'));
    good.append(makeWords(3), 1);
    good.append(makeWords(3, 3), 2);
    good.append(makeWords(3, 6), 3);
    await good.finish('done');
    const bad = await library.startJob(newRecording('Bad'));
    await bad.finish('done');
    await library.close();
    opened.splice(0);

    await rawPut(factory, 'summaries', { id: bad.id, name: 42 });
    await rawPut(factory, 'batches', { jobId: good.id, seq: 1, words: [{ text: 'x' }] });
    await rawPut(factory, 'summaries', { id: 'stray', name: 'Stray', createdAt: 'yesterday' });

    const reopened = await open(factory);
    const listed = await reopened.list();
    expect(listed.map((j) => j.name)).toEqual(['Good']);
    const loaded = await reopened.loadTranscript(good.id);
    expect(loaded!.words).toEqual([...makeWords(3), ...makeWords(3, 6)]);
    const messages = reopened.status.getState().unreadable.map((r) => r.message);
    expect(messages).toContain(`The saved transcript "${bad.id}" could not be read (its field "name" is missing or malformed) and was skipped.`);
    expect(messages).toContain('The saved transcript "stray" could not be read (its field "kind" is missing or malformed) and was skipped.');
    expect(messages.some((m) => m.startsWith(`Part 1 of the words of the transcript "${good.id}"`))).toBe(true);
  });
});

/** Writes a record behind the library's back, as another version of the app or DevTools might. */
async function rawPut(factory: IDBFactory, store: string, value: unknown): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve) => {
    const request = factory.open(LIBRARY_DB_NAME);
    request.onsuccess = () => resolve(request.result);
  });
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction(store, 'readwrite');
    tx.objectStore(store).put(value);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}

describe('persistent storage and kept source files', () => {
  it('asks for persistence once, when the first transcript is saved, and exposes the answer', async () => {
    const { storage, calls } = fakeStorage(0, 10 * 1024 ** 3);
    const library = await open(new IDBFactory(), { storage });
    expect(library.status.getState().persistence).toBe('not-asked');
    await library.startJob(newRecording('One'));
    await library.startJob(newRecording('Two'));
    await vi.waitFor(() => expect(library.status.getState().persistence).toBe('persisted'));
    expect(calls).toEqual({ persisted: 1, persist: 1 });
  });

  it('keeps the file when the quota allows, reports why not when it does not', async () => {
    const roomy = await open(new IDBFactory(), { storage: fakeStorage(0, 1024 ** 3).storage });
    const job = await roomy.startJob(newRecording('With audio'));
    const file = new File([new Uint8Array(3000).fill(7)], 'talk.opus', { type: 'audio/ogg', lastModified: 123 });
    expect(await roomy.keepSourceFile(job.id, file)).toEqual({ kept: true });
    const back = await roomy.sourceFile(job.id);
    expect(back).toMatchObject({ name: 'talk.opus', type: 'audio/ogg', lastModified: 123, size: 3000 });
    expect(new Uint8Array(await back!.arrayBuffer())).toEqual(new Uint8Array(3000).fill(7));
    expect((await roomy.list())[0].sourceFileBytes).toBe(3000);

    const cramped = await open(new IDBFactory(), { storage: fakeStorage(990 * 1024 ** 2, 1024 ** 3).storage });
    const other = await cramped.startJob(newRecording('No room'));
    const result = await cramped.keepSourceFile(other.id, file);
    expect(result).toMatchObject({ kept: false, reason: 'not-enough-space' });
    expect(await cramped.sourceFile(other.id)).toBeNull();
  });
});

describe('a three-hour transcript', () => {
  it('is saved in 1 000 batches of 30 words and listed without reading a word', async () => {
    const factory = new IDBFactory();
    const library = await open(factory);
    const job = await library.startJob(newRecording('Three hours'));
    for (let w = 0; w < 1_000; w++) {
      job.append(makeWords(30, w * 30), (w + 1) * 10.8);
      if (w % 100 === 99) await library.flush();
    }
    await job.finish('done');
    for (let i = 0; i < 5; i++) await (await library.startJob(newRecording(`short ${i}`))).finish('done');

    const tab = await open(factory);
    const { ops } = recordStoreOps();
    const started = performance.now();
    const listed = await tab.list();
    const listMs = performance.now() - started;
    expect(listed.find((j) => j.id === job.id)).toMatchObject({ wordCount: 30_000, committedSeconds: 10_800, state: 'done' });
    expect(ops.map((o) => o.store).filter((s) => s !== 'summaries')).toEqual([]);
    expect(listMs).toBeLessThan(100);

    const loaded = await tab.loadTranscript(job.id);
    expect(loaded!.words).toHaveLength(30_000);
    expect(loaded!.words[29_999]).toEqual(makeWords(1, 29_999)[0]);
  }, 60_000);
});
