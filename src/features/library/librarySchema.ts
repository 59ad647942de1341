import { wrap, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import {
  approxWordsBytes,
  type EditsRecord,
  type JobRecord,
  type JobSource,
  type JobSettings,
  type JobState,
  type JobSummary,
  type SourceFileRecord,
  type UnreadableRecord,
  type WordBatch,
} from './libraryRecords.ts';
import { batchProblem, editsProblem } from './recordShape.ts';
import { errorText } from '../../shared/errorText.ts';

export const LIBRARY_DB_NAME = 'transcript-library';
export const LIBRARY_SCHEMA_VERSION = 2;

export interface LibraryDbSchema extends DBSchema {
  jobs: { key: string; value: JobRecord };
  summaries: { key: string; value: JobSummary };
  batches: { key: [string, number]; value: WordBatch };
  edits: { key: string; value: EditsRecord };
  sourceFiles: { key: string; value: SourceFileRecord };
}

export type LibraryDb = IDBPDatabase<LibraryDbSchema>;

/** All the batches of one job, in order. */
export function jobBatchRange(jobId: string): IDBKeyRange {
  return IDBKeyRange.bound([jobId, -Infinity], [jobId, Infinity]);
}

/** Version 1 kept the list fields in the job record itself, so listing had to read every job's details. */
export interface V1JobRecord {
  readonly id: string;
  readonly name: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly source: JobSource;
  readonly settings: JobSettings;
  readonly state: JobState;
  readonly message: string | null;
  readonly committedSeconds: number;
}

type UpgradeDb = IDBPDatabase<unknown>;
type UpgradeTx = IDBPTransaction<unknown, string[], 'versionchange'>;

/** Builds version 1 from nothing. */
function createV1(db: UpgradeDb): void {
  db.createObjectStore('jobs', { keyPath: 'id' });
  db.createObjectStore('batches', { keyPath: ['jobId', 'seq'] });
  db.createObjectStore('edits', { keyPath: 'jobId' });
}

/**
 * Version 2 gives each job a summary record, so the list reads summaries only; the list fields
 * move out of the job record into it, with the word count and size counted once from the batches.
 */
async function migrateV1ToV2(db: UpgradeDb, tx: UpgradeTx, problems: UnreadableRecord[]): Promise<void> {
  db.createObjectStore('summaries', { keyPath: 'id' });
  db.createObjectStore('sourceFiles', { keyPath: 'jobId' });
  const jobs = tx.objectStore('jobs');
  const batches = tx.objectStore('batches');
  const edits = tx.objectStore('edits');
  const summaries = tx.objectStore('summaries');
  for (const old of (await jobs.getAll()) as unknown[]) {
    const problem = v1JobProblem(old);
    if (problem !== null) {
      // Left where it is, untouched: a later version that understands it can still migrate it.
      problems.push({
        store: 'jobs',
        key: describeKey(old),
        message: `A saved transcript (${describeKey(old)}) could not be upgraded to the new library format (${problem}) and was left out of the library.`,
      });
      continue;
    }
    const job = old as V1JobRecord;
    let wordCount = 0;
    let wordsBytes = 0;
    // A cursor, not getAll: a three-hour job's words would otherwise all be in memory at once.
    for (let cursor = await batches.openCursor(jobBatchRange(job.id)); cursor; cursor = await cursor.continue()) {
      const batch = cursor.value as unknown;
      if (batchProblem(batch) !== null) continue;
      wordCount += (batch as WordBatch).words.length;
      wordsBytes += approxWordsBytes((batch as WordBatch).words);
    }
    const edit = (await edits.get(job.id)) as unknown;
    const editedWords = edit !== undefined && editsProblem(edit) === null ? (edit as EditsRecord).words : null;
    const summary: JobSummary = {
      id: job.id,
      name: job.name,
      kind: job.source.kind,
      createdAt: job.createdAt,
      updatedAt: job.updatedAt,
      durationSeconds: job.source.durationSeconds,
      committedSeconds: job.committedSeconds,
      wordCount,
      // A v1 job still 'running' is examined by the ownership check like any other.
      state: job.state,
      message: job.message,
      model: job.settings.model,
      wordsBytes,
      editsBytes: editedWords === null ? 0 : approxWordsBytes(editedWords),
      sourceFileBytes: 0,
      edited: editedWords !== null,
      deletedAt: null,
    };
    const record: JobRecord = { id: job.id, source: job.source, settings: job.settings, owner: null };
    await summaries.put(summary);
    await jobs.put(record);
  }
}

function v1JobProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'it is not a record';
  const job = value as Partial<V1JobRecord>;
  if (typeof job.id !== 'string') return 'it has no id';
  if (typeof job.name !== 'string') return 'it has no name';
  if (typeof job.createdAt !== 'number' || typeof job.updatedAt !== 'number') return 'its dates are missing';
  if (typeof job.source !== 'object' || job.source === null || typeof job.settings !== 'object' || job.settings === null) {
    return 'its source or settings are missing';
  }
  if (typeof job.committedSeconds !== 'number') return 'its position in the audio is missing';
  return null;
}

export function describeKey(value: unknown): string {
  const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? `"${id}"` : 'a record without an id';
}

export interface OpenedLibraryDb {
  readonly db: LibraryDb;
  /** What the upgrade could not carry over, one sentence each. */
  readonly migrationProblems: readonly UnreadableRecord[];
}

export interface OpenCallbacks {
  /** Another tab holds an older version open: the upgrade waits for it. */
  readonly blocked?: () => void;
  /** A newer version wants to upgrade: this connection must close. */
  readonly blocking?: () => void;
  /** The browser closed the database (storage cleared, disk error). */
  readonly terminated?: () => void;
}

/**
 * Opens (creating or upgrading) the library database at `version`; every step from the stored
 * version up runs in the one upgrade transaction, so a fresh install and an old one end up alike.
 * The factory is injected (tests give each case its own fake-indexeddb; private modes have none),
 * and idb's openDB reads the global indexedDB, so this wraps the factory's request itself.
 */
export async function openLibraryDb(
  factory: IDBFactory,
  name: string = LIBRARY_DB_NAME,
  version: number = LIBRARY_SCHEMA_VERSION,
  callbacks: OpenCallbacks = {},
): Promise<OpenedLibraryDb> {
  const problems: UnreadableRecord[] = [];
  let upgradeError: unknown = null;
  const request = factory.open(name, version);
  request.addEventListener('upgradeneeded', (event) => {
    const db = wrap(request.result) as UpgradeDb;
    const tx = wrap(request.transaction!) as unknown as UpgradeTx;
    void upgrade(db, tx, event.oldVersion, version, problems).catch((error: unknown) => {
      upgradeError = error;
      try {
        tx.abort();
      } catch {
        // Already finished: the open request reports its own error.
      }
    });
  });
  if (callbacks.blocked) request.addEventListener('blocked', callbacks.blocked);
  const db = (await wrap(request).catch((error: unknown) => {
    // The open request only says "aborted"; the reason is the upgrade's.
    throw upgradeError === null ? error : new Error(`upgrading it failed: ${errorText(upgradeError)}`);
  })) as unknown as LibraryDb;
  if (callbacks.blocking) db.addEventListener('versionchange', callbacks.blocking);
  if (callbacks.terminated) db.addEventListener('close', callbacks.terminated);
  return { db, migrationProblems: problems };
}

async function upgrade(db: UpgradeDb, tx: UpgradeTx, from: number, to: number, problems: UnreadableRecord[]) {
  if (from < 1 && to >= 1) createV1(db);
  if (from < 2 && to >= 2) await migrateV1ToV2(db, tx, problems);
}
