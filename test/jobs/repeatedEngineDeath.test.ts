import { beforeEach, describe, expect, it } from 'vitest';
import { EngineDiedError } from '../../src/engine/engineDied.ts';
import type { JobSettings, ResumeStart, SavedStream, PushResult, TranscriptUpdate } from '../../src/engine/protocol.ts';
import { EngineDeaths } from '../../src/jobs/engineDeaths.ts';
import { onJobEvent, type JobEvent } from '../../src/jobs/jobEvents.ts';
import type { JobSource } from '../../src/jobs/jobSource.ts';
import { jobActions, useJobStore } from '../../src/jobs/jobStore.ts';
import { runJob, type JobEngine } from '../../src/jobs/runJob.ts';
import type { SavedJob } from '../../src/jobs/savedJob.ts';
import { SAMPLE_RATE } from '../../src/shared/audioFormat.ts';
import { FakeEngine } from '../support/fakeEngine.ts';

// A job whose engine dies twice at the same committed position stops with a message instead of
// offering a Resume that would die there again.

/**
 * The fake engine, whose worker dies at the given push (counted from 0): that call and every
 * later one reject. A resumed stream starts again at the last committed two-second window.
 */
class DyingEngine implements JobEngine {
  private readonly engine = new FakeEngine();
  private dead = false;
  private pushes = 0;

  constructor(private readonly dieAtPush: number) {}

  async startJob(settings: JobSettings, resume?: SavedStream): Promise<ResumeStart | null> {
    await this.engine.startJob(settings);
    if (resume === undefined) return null;
    const start = Math.max(0, resume.committedSeconds - 2);
    this.engine.receivedSamples = start * SAMPLE_RATE;
    return { startSeconds: start, keepWordsStartingBefore: start };
  }

  async push(samples: Float32Array): Promise<PushResult> {
    if (this.dead || this.pushes++ === this.dieAtPush) this.die();
    return this.engine.push(samples);
  }

  preview = () => this.engine.preview();

  async finish(): Promise<TranscriptUpdate> {
    if (this.dead) this.die();
    return this.engine.finish();
  }

  private die(): never {
    this.dead = true;
    throw new EngineDiedError('The engine stopped unexpectedly: the browser ended it, most likely because it ran out of memory.');
  }
}

const FILE = new File([new Uint8Array(1000)], 'long.opus', { lastModified: 1_700_000_000_000 });
const seconds = (s: number) => new Float32Array(s * SAMPLE_RATE);

/** Ten two-second chunks of `file`; each push the fake engine commits makes one word. */
function fileSource(file: File = FILE): JobSource {
  return {
    kind: 'file',
    name: file.name,
    file,
    runningMessage: () => `Transcribing "${file.name}"…`,
    open: async () => ({ durationSeconds: 20, warning: null }),
    async *feed() {
      for (let i = 0; i < 10; i++) yield seconds(2);
    },
    recycle: () => {},
    close: async () => null,
  };
}

/** Runs a job and returns how it ended. */
async function run(engine: JobEngine, deaths: EngineDeaths, resume: SavedJob | null = null, file: File = FILE) {
  let ended: Extract<JobEvent, { type: 'ended' }> | null = null;
  const unsubscribe = onJobEvent((event) => {
    if (event.type === 'ended') ended = event;
  });
  await runJob(fileSource(file), engine, new AbortController().signal, { resume, deaths });
  unsubscribe();
  return ended!;
}

/** The saved job as the library hands it back after a run that committed `words` two-second windows. */
function saved(words: number): SavedJob {
  const { settings, job } = useJobStore.getState();
  return {
    id: 'saved-1',
    words: job!.words.slice(0, words),
    committedSeconds: 2 * words,
    windowSeconds: settings.windowSeconds,
    strideSeconds: settings.strideSeconds,
  };
}

beforeEach(() => jobActions.reset());

describe('an engine that dies twice at the same window', () => {
  it('offers to resume after the first death, and stops with a message naming the file and the position after the second', async () => {
    const deaths = new EngineDeaths();
    const first = await run(new DyingEngine(3), deaths);
    expect(first).toMatchObject({ outcome: 'error', resumable: true });
    expect(first.message).toMatch(/^Transcribing "long\.opus" stopped: The engine stopped unexpectedly/);

    // The resumed run decodes the last window again and dies before committing past 0:06.
    const second = await run(new DyingEngine(1), deaths, saved(3));
    expect(second.outcome).toBe('error');
    expect(second.resumable).toBe(false);
    expect(second.message).toMatch(/^Transcribing "long\.opus" stopped at 0:06 again: the engine died twice on the window after 0:06/);
    expect(second.message).toMatch(/Low memory budget under Settings/);
    expect(useJobStore.getState().status).toEqual({ state: 'error', message: second.message });
    expect(useJobStore.getState().job?.words.map((w) => w.text)).toEqual(['W1', 'W2', 'W3']);
  });

  it('offers to resume again when the resumed run got further before it died', async () => {
    const deaths = new EngineDeaths();
    await run(new DyingEngine(3), deaths);
    const second = await run(new DyingEngine(5), deaths, saved(3));
    expect(second).toMatchObject({ outcome: 'error', resumable: true });
    expect(second.message).toMatch(/^Transcribing "long\.opus" stopped: /);
  });

  it('tells files apart, and windows: another file or another window size dying at the same position is a first death', async () => {
    const deaths = new EngineDeaths();
    await run(new DyingEngine(3), deaths);
    const other = new File([new Uint8Array(1000)], 'other.opus', { lastModified: 1_700_000_000_000 });
    expect(await run(new DyingEngine(3), deaths, null, other)).toMatchObject({ resumable: true });
    jobActions.changeSettings({ windowSeconds: 10 });
    expect(await run(new DyingEngine(3), deaths)).toMatchObject({ resumable: true });
  });

  it('forgets a death once a job of that file ends without one', async () => {
    const deaths = new EngineDeaths();
    await run(new DyingEngine(3), deaths);
    expect(await run(new FakeEngine(), deaths)).toMatchObject({ outcome: 'done' });
    expect(await run(new DyingEngine(3), deaths)).toMatchObject({ resumable: true });
  });
});
