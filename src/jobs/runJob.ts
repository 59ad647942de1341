import * as Comlink from 'comlink';
import type { EngineApi, ResumeStart } from '../engine/protocol.ts';
import { formatDuration } from '../shared/formatDuration.ts';
import type { TranscriptUpdate } from '../shared/transcript.ts';
import { EngineDiedError } from '../engine/engineDied.ts';
import { decoderChoice } from './decoderChoice.ts';
import { engineDeaths, type EngineDeaths } from './engineDeaths.ts';
import { describeJobFailure, describeRepeatedEngineDeath } from './describeError.ts';
import { emitJobEvent } from './jobEvents.ts';
import { PREVIEW, type JobSource } from './jobSource.ts';
import type { SavedJob } from './savedJob.ts';
import { jobActions, useJobStore } from './jobStore.ts';
import { jobProgress } from './jobProgress.ts';
import { LiveTranscript } from './liveTranscript.ts';

/** The engine calls a job makes; the worker's Comlink remote, or a fake in tests. */
export type JobEngine = Pick<EngineApi, 'startJob' | 'push' | 'preview' | 'finish'>;

/** The reason a job's signal is aborted with: why it was cancelled, when it was not the user's Cancel. */
export class JobCancelled extends Error {
  constructor(readonly why?: string) {
    super(why ?? 'Cancelled');
  }
}

export interface JobClock {
  /** Milliseconds, monotonic. */
  now(): number;
}

/** How many of the last saved words the engine is shown to choose where to resume: a window's worth at most. */
const RESUME_CONTEXT_WORDS = 100;

/**
 * The one lifecycle of every job, file or recording: show it, open its source, stream the audio
 * through the engine, and end it with a message. A cancelled, truncated or failed job still gets
 * the audio it delivered decoded (one more window at most), so nothing already received is lost.
 */
export async function runJob(
  source: JobSource,
  engine: JobEngine,
  signal: AbortSignal,
  { resume = null, clock = performance, deaths = engineDeaths }: { resume?: SavedJob | null; clock?: JobClock; deaths?: EngineDeaths } = {},
): Promise<void> {
  const { settings } = useJobStore.getState();
  const windows = resume ?? settings;
  const jobSettings = { windowSeconds: windows.windowSeconds, strideSeconds: windows.strideSeconds, decoder: decoderChoice(settings) };
  const id = jobActions.beginJob(source.kind, source.name, resume?.words ?? []);
  emitJobEvent({ type: 'began', id, kind: source.kind, name: source.name, file: source.file, settings, resumes: resume?.id ?? null });
  jobActions.setStatus('transcribing', source.runningMessage(null));
  const startedAt = clock.now();
  const transcript = new LiveTranscript();
  let durationSeconds: number | null = null;
  let receivedSeconds = 0;
  let committedSeconds = resume?.committedSeconds ?? 0;
  let streaming = false;
  let failure: unknown = null;

  // A resumed stream decodes again the saved words after its restart point, exactly as before.
  let alreadySaved = 0;
  const apply = (update: TranscriptUpdate, duration: number | null) => {
    const skip = Math.min(alreadySaved, update.words.length);
    alreadySaved -= skip;
    const words = skip === 0 ? update.words : update.words.slice(skip);
    transcript.commit(update);
    receivedSeconds = update.receivedSeconds;
    committedSeconds = Math.max(committedSeconds, update.committedSeconds);
    const progress = jobProgress(update.committedSeconds, duration, (clock.now() - startedAt) / 1000);
    jobActions.appendWords(words, transcript.tentative(), progress);
    emitJobEvent({ type: 'committed', id, words, committedSeconds: update.committedSeconds });
    jobActions.setStatus('transcribing', source.runningMessage(progress.fraction === null ? null : Math.floor(progress.fraction * 100)));
  };

  try {
    const audio = await source.open(signal);
    durationSeconds = audio.durationSeconds;
    jobActions.describeAudio(audio.durationSeconds, audio.warning);
    emitJobEvent({ type: 'opened', id, durationSeconds });
    let start: ResumeStart | null = null;
    if (resume === null) {
      await engine.startJob(jobSettings);
    } else {
      const lastWords = resume.words.slice(-RESUME_CONTEXT_WORDS);
      // Words the next one may start inside of end by the last saved word's end at the latest.
      const pendingStartSeconds = lastWords.at(-1)?.end ?? 0;
      start = await engine.startJob(jobSettings, { committedSeconds: resume.committedSeconds, pendingStartSeconds, lastWords });
      alreadySaved = resume.words.filter((w) => w.start >= start!.keepWordsStartingBefore).length;
    }
    streaming = true;
    for await (const item of source.feed(signal, start?.startSeconds)) {
      if (signal.aborted) break;
      if (item === PREVIEW) {
        transcript.preview(await engine.preview());
        jobActions.appendWords([], transcript.tentative());
      } else {
        const { update, spent } = await engine.push(Comlink.transfer(item, [item.buffer]));
        source.recycle(spent);
        apply(update, durationSeconds);
      }
    }
  } catch (error) {
    failure = error;
  }
  try {
    if (streaming) {
      const last = await engine.finish();
      apply(last, durationSeconds ?? last.receivedSeconds);
    }
  } catch (error) {
    failure ??= error;
  }
  transcript.end();
  const note = await source.close().catch(() => null);

  const words = useJobStore.getState().job?.words.length ?? 0;
  const length = formatDuration(receivedSeconds);
  const why = signal.reason instanceof JobCancelled && signal.reason.why !== undefined ? ` because ${signal.reason.why}` : '';
  const engineDied = failure instanceof EngineDiedError;
  const diedHereBefore = engineDied && source.file !== null && deaths.died(source.file, jobSettings, committedSeconds);
  if (!engineDied && source.file !== null) deaths.forget(source.file, jobSettings);
  const [outcome, message] = signal.aborted
    ? (['cancelled', `Cancelled "${source.name}"${why}; the text so far is kept.`] as const)
    : diedHereBefore
      ? (['error', describeRepeatedEngineDeath(source.name, committedSeconds)] as const)
      : failure !== null
        ? (['error', describeJobFailure(source.name, failure)] as const)
        : words === 0
          ? (['done', `No speech found in "${source.name}" (${length} of audio): the transcript is empty.`] as const)
          : (['done', `Done: "${source.name}", ${words} words in ${length}.`] as const);
  const said = note === null ? message : `${note} ${message}`;
  jobActions.endJob(outcome, said, receivedSeconds);
  // Resuming a job that died twice at one window would only die there again.
  const resumable = engineDied && !diedHereBefore && source.kind === 'file';
  emitJobEvent({ type: 'ended', id, outcome, message: said, durationSeconds: durationSeconds ?? receivedSeconds, resumable });
}
