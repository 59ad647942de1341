import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Autosave } from '../../../src/features/library/autosave.ts';
import { openTranscriptLibrary } from '../../../src/features/library/transcriptLibrary.ts';
import { emitJobEvent } from '../../../src/jobs/jobEvents.ts';
import { useJobStore } from '../../../src/jobs/jobStore.ts';
import { IDBFactory, makeWords, tabDeps } from '../../support/libraryFixtures.ts';

describe('autosave', () => {
  it('has every event received so far in the database once settled and flushed (what a reload for an update waits for)', async () => {
    const factory = new IDBFactory();
    const library = await openTranscriptLibrary(tabDeps(factory));
    const autosave = new Autosave(library, { keepFiles: () => false });
    const settings = { ...useJobStore.getState().settings, model: 'tone-ctc', dtype: 'q8', windowSeconds: 10, strideSeconds: 2 };
    const words = makeWords(12);
    // Events come synchronously, while the library job is still being created (the file's first MiB hashed).
    const file = new File([new Uint8Array(3 << 20).fill(7)], 'talk.wav', { type: 'audio/wav', lastModified: 1_700_000_000_000 });
    emitJobEvent({ type: 'began', id: 901, kind: 'file', name: 'talk.wav', file, settings, resumes: null });
    emitJobEvent({ type: 'committed', id: 901, words: words.slice(0, 5), committedSeconds: 8 });
    emitJobEvent({ type: 'committed', id: 901, words: words.slice(5), committedSeconds: 16 });
    await autosave.settled();
    await library.flush();

    // Another tab (the page after the reload) reads it all back.
    const after = await openTranscriptLibrary(tabDeps(factory));
    const [listed] = await after.list();
    expect(listed).toMatchObject({ name: 'talk.wav', committedSeconds: 16, wordCount: 12 });
    expect((await after.loadTranscript(listed.id))?.words).toEqual(words);
    autosave.dispose();
    await after.close();
  });
});
