import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { LIBRARY_DB_NAME, LIBRARY_SCHEMA_VERSION, openLibraryDb, type V1JobRecord } from '../../../src/features/library/librarySchema.ts';
import { openTranscriptLibrary } from '../../../src/features/library/transcriptLibrary.ts';
import { makeWords, SETTINGS, tabDeps } from '../../support/libraryFixtures.ts';

function v1Job(id: string, name: string, createdAt: number, extra: Partial<V1JobRecord> = {}): V1JobRecord {
  return {
    id,
    name,
    createdAt,
    updatedAt: createdAt + 60_000,
    source: { kind: 'file', name: `${name}.opus`, size: 1234, type: 'audio/ogg', lastModified: 99, headSha256: 'ab'.repeat(32), durationSeconds: 600 },
    settings: SETTINGS,
    state: 'done',
    message: null,
    committedSeconds: 600,
    ...extra,
  };
}

describe('library schema', () => {
  it('creates the current version from nothing', async () => {
    const { db, migrationProblems } = await openLibraryDb(new IDBFactory());
    expect(db.version).toBe(LIBRARY_SCHEMA_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['batches', 'edits', 'jobs', 'sourceFiles', 'summaries']);
    expect(db.transaction('batches').store.keyPath).toEqual(['jobId', 'seq']);
    expect(migrationProblems).toEqual([]);
    db.close();
  });

  it('migrates a version 1 library: summaries counted from the batches, list fields moved out of the job', async () => {
    const factory = new IDBFactory();
    const v1 = await openLibraryDb(factory, LIBRARY_DB_NAME, 1);
    expect([...v1.db.objectStoreNames].sort()).toEqual(['batches', 'edits', 'jobs']);
    const tx = v1.db.transaction(['jobs', 'batches', 'edits'], 'readwrite');
    const raw = tx as unknown as { objectStore(name: string): { put(value: unknown): Promise<unknown> } };
    await Promise.all([
      raw.objectStore('jobs').put(v1Job('old', 'Old talk', 1_000)),
      raw.objectStore('jobs').put(v1Job('newer', 'Newer talk', 2_000, { state: 'error', message: 'Out of memory.', committedSeconds: 42 })),
      raw.objectStore('jobs').put({ id: 'broken', name: 'Broken' }),
      ...[0, 1, 2].map((seq) => raw.objectStore('batches').put({ jobId: 'old', seq, words: makeWords(20, seq * 20) })),
      raw.objectStore('batches').put({ jobId: 'newer', seq: 0, words: makeWords(5) }),
      raw.objectStore('edits').put({ jobId: 'newer', words: makeWords(4), savedAt: 3_000 }),
    ]);
    await tx.done;
    v1.db.close();

    // The library opens it at version 2: the upgrade runs, and what it skipped shows in the status.
    const library = await openTranscriptLibrary(tabDeps(factory));
    const listed = await library.list();
    expect(listed.map((j) => [j.name, j.wordCount, j.state])).toEqual([
      ['Newer talk', 5, 'error'],
      ['Old talk', 60, 'done'],
    ]);
    expect((await library.loadTranscript('old'))!.words).toEqual(makeWords(60));
    expect((await library.loadTranscript('newer'))!.editedWords).toEqual(makeWords(4));
    expect(library.status.getState().unreadable).toEqual([
      { store: 'jobs', key: '"broken"', message: 'A saved transcript ("broken") could not be upgraded to the new library format (its dates are missing) and was left out of the library.' },
    ]);
    await library.close();

    const v2 = await openLibraryDb(factory);
    expect(v2.db.version).toBe(2);
    expect(await v2.db.get('jobs', 'old')).toEqual({ id: 'old', source: v1Job('old', 'Old talk', 1_000).source, settings: SETTINGS, owner: null });
    expect(await v2.db.get('summaries', 'newer')).toMatchObject({ name: 'Newer talk', message: 'Out of memory.', committedSeconds: 42, edited: true, durationSeconds: 600 });
    // Left as it was, for a later version that understands it.
    expect(await v2.db.get('jobs', 'broken')).toEqual({ id: 'broken', name: 'Broken' });
    v2.db.close();
  });
});
