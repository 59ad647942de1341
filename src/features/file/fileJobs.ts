import type { EngineSession } from '../../jobs/engineSession.ts';
import { jobActions, useJobStore, type QueuedFile } from '../../jobs/jobStore.ts';
import { runJob } from '../../jobs/runJob.ts';
import type { SavedJob } from '../../jobs/savedJob.ts';
import { sourceWithMedia } from '../../jobs/sourceWithMedia.ts';
import { ChunkPool } from '../../shared/audio/chunkPool.ts';
import { CHUNK_SAMPLES, SAMPLE_RATE } from '../../shared/audioFormat.ts';
import { errorText } from '../../shared/errorText.ts';
import { fileMedia } from './fileMedia.ts';
import { FileSource, type OpenAudioFile } from './fileSource.ts';

/** How far the decoder may run ahead of the model, in windows: enough to overlap the two, no more. */
export const READ_AHEAD_WINDOWS = 1;

/**
 * Chunk buffers kept for the next file: the read-ahead of a window up to 50 s long plus the chunks
 * in flight. Longer windows hold more at once, and the extra buffers are left to the collector.
 */
const CHUNK_BUFFERS_KEPT = 16;

/** The queue of dropped files: each waits its turn for the engine, then runs as a job. */
export class FileJobs {
  private draining = false;
  private current: FileSource | null = null;
  private readonly chunks = new ChunkPool(CHUNK_SAMPLES, CHUNK_BUFFERS_KEPT);

  constructor(
    private readonly session: EngineSession,
    private readonly openFile: OpenAudioFile,
  ) {
    session.onIdle(() => void this.drain());
  }

  enqueue(files: Iterable<File>): void {
    if (jobActions.enqueue(files) > 0) void this.drain();
  }

  /** Queues `file` to continue the saved job, from where it was committed to. */
  resume(file: File, saved: SavedJob): void {
    if (jobActions.enqueue([file], saved) > 0) void this.drain();
  }

  removeQueued(id: number): void {
    jobActions.removeQueued(id);
  }

  clearQueue(): void {
    jobActions.clearQueue();
  }

  /** Decoded samples waiting for the model now, their peak in the current or last job, and the bound. */
  readAheadSamples(): { buffered: number; peak: number; limit: number } | null {
    const ahead = this.current?.readAhead ?? null;
    return ahead === null ? null : { buffered: ahead.buffered, peak: ahead.peak, limit: ahead.limit };
  }

  /** Audio chunk buffers allocated by every file so far: flat once the first file has run. */
  chunkBuffersMade(): number {
    return this.chunks.allocated;
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (useJobStore.getState().queue.length > 0) {
        // Refused while a recording has the engine or no model is loaded: the session calls back.
        const refusal = await this.session.lend(async (engine, signal) => {
          const next = jobActions.dequeue();
          if (next !== null) await this.run(next, engine, signal);
        });
        if (refusal !== null) return;
      }
    } finally {
      this.draining = false;
    }
  }

  private async run(next: QueuedFile, engine: Parameters<typeof runJob>[1], signal: AbortSignal): Promise<void> {
    const { windowSeconds } = useJobStore.getState().settings;
    const name = next.file.name;
    this.current = new FileSource(next.file, READ_AHEAD_WINDOWS * Math.round(windowSeconds * SAMPLE_RATE), this.openFile, this.chunks);
    try {
      await runJob(sourceWithMedia(this.current, fileMedia(next.file)), engine, signal, { resume: next.resume ?? null });
      // runJob ends every job with its final status.
      const { state, message } = useJobStore.getState().status;
      jobActions.fileFinished({ id: next.id, name, state: state === 'done' || state === 'cancelled' ? state : 'error', message });
    } catch (error) {
      // Should a job ever throw instead, the queue still goes on, and the file still gets its line.
      const message = `"${name}" could not be transcribed: ${errorText(error)}`;
      jobActions.setStatus('error', message);
      jobActions.fileFinished({ id: next.id, name, state: 'error', message });
    }
  }
}
