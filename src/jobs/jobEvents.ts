import type { TranscribedWord } from '../shared/transcript.ts';
import type { JobOutcome, Settings, TranscriptJob } from './jobStore.ts';

/** What runJob tells the rest of the page as a job goes (the library saves from these). */
export type JobEvent =
  | {
      readonly type: 'began';
      readonly id: number;
      readonly kind: TranscriptJob['kind'];
      readonly name: string;
      /** The dropped file, for a file job (its identity is saved, and it can be kept). */
      readonly file: File | null;
      readonly settings: Settings;
      /** Set when the job continues a saved one. */
      readonly resumes: string | null;
    }
  | { readonly type: 'opened'; readonly id: number; readonly durationSeconds: number | null }
  | { readonly type: 'committed'; readonly id: number; readonly words: readonly TranscribedWord[]; readonly committedSeconds: number }
  | {
      readonly type: 'ended';
      readonly id: number;
      readonly outcome: Exclude<JobOutcome, 'running'>;
      readonly message: string;
      readonly durationSeconds: number;
      /** The engine died under the job: it can be resumed from its last committed window. */
      readonly resumable: boolean;
    };

type Listener = (event: JobEvent) => void;

const listeners = new Set<Listener>();

/** Calls `listener` with every job event from now on; returns the unsubscribe. */
export function onJobEvent(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A listener's failure must not stop the job or the other listeners. */
export function emitJobEvent(event: JobEvent): void {
  for (const listener of listeners) {
    try {
      listener(event);
    } catch (error) {
      console.error('A job event listener failed:', error);
    }
  }
}
