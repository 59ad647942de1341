import type { TranscribedWord } from '../../shared/transcript.ts';

/** Where a job stands; 'interrupted' is a 'running' job whose tab went away. */
export type JobState = 'running' | 'done' | 'interrupted' | 'cancelled' | 'error';

/** What a finished job ends as, when its own tab ends it. */
export type EndState = Exclude<JobState, 'running' | 'interrupted'>;

/** What `sameSource` compares when a file is picked again to continue its transcript. */
export interface SourceIdentity {
  readonly name: string;
  readonly size: number;
  readonly type: string;
  readonly lastModified: number;
  /** SHA-256 of the first MiB, in hex; null where the page has no crypto.subtle (an insecure origin). */
  readonly headSha256: string | null;
}

export interface JobSource extends SourceIdentity {
  readonly kind: 'file' | 'recording';
  /** Length of the audio, once known; a recording has none until it stops. */
  readonly durationSeconds: number | null;
}

export interface JobSettings {
  readonly model: string;
  readonly dtype: string | null;
  readonly windowSeconds: number;
  readonly strideSeconds: number;
}

/** Which tab runs the job, for browsers without Web Locks: a stale heartbeat means the tab is gone. */
export interface JobOwner {
  readonly tabId: string;
  readonly heartbeatAt: number;
}

/** Store `jobs`: what resuming needs, written when the job starts and rarely after. */
export interface JobRecord {
  readonly id: string;
  readonly source: JobSource;
  readonly settings: JobSettings;
  readonly owner: JobOwner | null;
}

/**
 * Store `summaries`: everything the library list shows, so listing never reads words. Each
 * committed window patches it in the same transaction as the window's batch.
 */
export interface JobSummary {
  readonly id: string;
  readonly name: string;
  readonly kind: JobSource['kind'];
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly durationSeconds: number | null;
  /** Audio seconds whose words are all saved: where a resumed job picks up. */
  readonly committedSeconds: number;
  readonly wordCount: number;
  readonly state: JobState;
  /** Why it ended as 'error' (or was interrupted), for the user. */
  readonly message: string | null;
  readonly model: string;
  /** Approximate bytes on disk of the committed words, the edits and a kept source file. */
  readonly wordsBytes: number;
  readonly editsBytes: number;
  readonly sourceFileBytes: number;
  readonly edited: boolean;
  /** Set by a soft delete; the job is purged once the undo window has passed. */
  readonly deletedAt: number | null;
}

/** Store `batches`, key [jobId, seq]: one committed window's words, never rewritten. */
export interface WordBatch {
  readonly jobId: string;
  readonly seq: number;
  readonly words: readonly TranscribedWord[];
}

/** Store `edits`: the user's whole edited word list, replaced on each save. */
export interface EditsRecord {
  readonly jobId: string;
  readonly words: readonly TranscribedWord[];
  readonly savedAt: number;
}

/** Store `sourceFiles`: the audio itself, kept when the user asks and the quota allows. */
export interface SourceFileRecord {
  readonly jobId: string;
  /** Structured clone turns a File into a plain Blob in some engines, so its name travels beside it. */
  readonly blob: Blob;
  readonly name: string;
  readonly type: string;
  readonly lastModified: number;
}

/** A record the library could not read; the rest of the library opens without it. */
export interface UnreadableRecord {
  readonly store: string;
  readonly key: string;
  readonly message: string;
}

/**
 * Bytes a word takes in IndexedDB, roughly: UTF-16 text plus three doubles and the structured-clone
 * overhead of a small object. Good enough for "size on disk" without asking the browser per record.
 */
export function approxWordsBytes(words: readonly TranscribedWord[]): number {
  let bytes = 0;
  for (const word of words) bytes += 2 * word.text.length + 48;
  return bytes;
}

export function summarySizeBytes(summary: JobSummary): number {
  return summary.wordsBytes + summary.editsBytes + summary.sourceFileBytes;
}
