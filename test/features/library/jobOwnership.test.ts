import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openTranscriptLibrary, type LibraryDeps, type TranscriptLibrary } from '../../../src/features/library/transcriptLibrary.ts';
import { FakeLockManager } from '../../support/fakeLockManager.ts';
import { IDBFactory, makeWords, newRecording, tabDeps } from '../../support/libraryFixtures.ts';

const opened: TranscriptLibrary[] = [];
async function tab(deps: LibraryDeps) {
  const library = await openTranscriptLibrary(deps);
  opened.push(library);
  return library;
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((library) => library.close()));
});

/** The two ways tabs agree on who runs a job: Web Locks, or heartbeats in the job record. */
const modes = [
  {
    name: 'Web Locks',
    // Closing the tab frees its locks at once, as the browser does when a page goes away.
    setup: () => {
      const factory = new IDBFactory();
      const locks = new FakeLockManager();
      return { deps: (): LibraryDeps => tabDeps(factory, { locks }), goneFor: () => {} };
    },
  },
  {
    name: 'heartbeats',
    // Without locks, a gone tab is one whose heartbeat is older than staleOwnerMs.
    setup: () => {
      const factory = new IDBFactory();
      let now = 1_000_000;
      const timing = { heartbeatMs: 60_000, staleOwnerMs: 10_000 };
      return { deps: (): LibraryDeps => tabDeps(factory, { now: () => now, timing }), goneFor: (ms: number) => void (now += ms) };
    },
  },
];

describe.each(modes)('job ownership with $name', ({ setup }) => {
  it('leaves a job another live tab runs alone, and marks it interrupted once that tab is gone', async () => {
    const { deps, goneFor } = setup();
    const first = await tab(deps());
    const job = await first.startJob(newRecording('Meeting'));
    job.append(makeWords(30), 10);
    job.append(makeWords(30, 30), 20);
    await first.flush();

    const second = await tab(deps());
    const seen = (await second.list())[0];
    expect(seen).toMatchObject({ state: 'running', runningElsewhere: true });
    expect(await second.resumeJob(job.id)).toEqual({ job: null, reason: '"Meeting" is being transcribed in another tab.' });
    expect(await second.delete(job.id)).toMatchObject({ deleted: false });
    expect((await first.list())[0]).toMatchObject({ state: 'running', runningElsewhere: false });

    // The first tab goes away mid-job: a crash writes nothing, so the job still says 'running'.
    await (deps().locks ? first.close() : Promise.resolve());
    goneFor(60_000);
    const third = await tab(deps());
    expect((await third.list())[0]).toMatchObject({ state: 'interrupted', committedSeconds: 20, wordCount: 60, runningElsewhere: false });
    expect((await second.list())[0].state).toBe('interrupted');
  });

  it('lets exactly one tab continue an interrupted job, from where it stopped', async () => {
    const { deps, goneFor } = setup();
    const crashed = await tab(deps());
    const job = await crashed.startJob(newRecording('Interview'));
    job.append(makeWords(30), 10);
    await crashed.flush();
    if (deps().locks) await crashed.close();
    goneFor(60_000);

    const a = await tab(deps());
    const b = await tab(deps());
    const [resumedA, resumedB] = await Promise.all([a.resumeJob(job.id), b.resumeJob(job.id)]);
    const winners = [resumedA, resumedB].filter((r) => r.job !== null);
    expect(winners).toHaveLength(1);
    const winner = winners[0];
    const loser = winner === resumedA ? resumedB : resumedA;
    expect(loser).toEqual({ job: null, reason: expect.stringMatching(/another tab|already being transcribed/) });
    if (winner.job === null) throw new Error('unreachable');
    expect(winner).toMatchObject({ committedSeconds: 10, wordCount: 30, source: { kind: 'recording' }, settings: { model: 'tone-ctc' } });

    winner.job.append(makeWords(30, 30), 20);
    await winner.job.finish('done');
    const reader = await tab(deps());
    const loaded = await reader.loadTranscript(job.id);
    expect(loaded!.words).toEqual(makeWords(60));
    expect(loaded!.summary).toMatchObject({ state: 'done', wordCount: 60, committedSeconds: 20 });
  });
});

describe('heartbeat ownership', () => {
  it('drops the writes of a tab whose job was taken over while it stalled, and tells it', async () => {
    const factory = new IDBFactory();
    let now = 1_000_000;
    const timing = { heartbeatMs: 60_000, staleOwnerMs: 10_000 };
    const deps = () => tabDeps(factory, { now: () => now, timing });
    const stalled = await tab(deps());
    const job = await stalled.startJob(newRecording('Contested'));
    job.append(makeWords(10), 5);
    await stalled.flush();

    now += 30_000;
    const other = await tab(deps());
    const resumed = await other.resumeJob(job.id);
    if (resumed.job === null) throw new Error(resumed.reason);
    resumed.job.append(makeWords(10, 10), 10);
    await other.flush();

    job.append(makeWords(10, 500), 99);
    await stalled.flush();
    expect(job.running).toBe(false);
    expect(stalled.status.getState()).toMatchObject({ problem: 'taken-over' });
    expect(stalled.status.getState().message).toMatch(/"Contested" is being continued in another tab/);
    const loaded = await other.loadTranscript(job.id);
    expect(loaded!.words).toEqual(makeWords(20));
    expect(loaded!.summary.committedSeconds).toBe(10);
  });

  it('keeps a long job its own by beating as it makes progress', async () => {
    const factory = new IDBFactory();
    let now = 1_000_000;
    const timing = { heartbeatMs: 1_000, staleOwnerMs: 10_000 };
    const deps = () => tabDeps(factory, { now: () => now, timing });
    const owner = await tab(deps());
    const job = await owner.startJob(newRecording('Long'));
    for (let w = 0; w < 10; w++) {
      now += 5_000;
      job.append(makeWords(5, w * 5), w);
      await owner.flush();
    }
    const other = await tab(deps());
    expect((await other.list())[0]).toMatchObject({ state: 'running', runningElsewhere: true });
  });
});
