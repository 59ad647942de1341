import type { StoreNames } from 'idb';
import type { EditsRecord, JobRecord, JobSummary, SourceFileRecord, UnreadableRecord, WordBatch } from './libraryRecords.ts';
import { batchProblem, editsProblem, jobRecordProblem, summaryProblem } from './recordShape.ts';
import { describeKey, jobBatchRange, type LibraryDb, type LibraryDbSchema } from './librarySchema.ts';
import type { JobWrites } from './writeBehindQueue.ts';

type Stores = StoreNames<LibraryDbSchema>;

interface Transaction {
  readonly done: Promise<void>;
  abort(): void;
}

const WRITE_STORES: Stores[] = ['jobs', 'summaries', 'batches', 'edits'];

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/**
 * Runs `body` in `tx` and waits for the commit. A failed request aborts the whole transaction, and
 * the error thrown is the transaction's own when requests only say "aborted": that is where
 * browsers put QuotaExceededError.
 */
async function inTransaction<T>(tx: Transaction, body: () => Promise<T>): Promise<T> {
  try {
    const result = await body();
    await tx.done;
    return result;
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already aborted or committed.
    }
    const txError = await tx.done.then(
      () => null,
      (e: unknown) => e,
    );
    throw isAbort(error) && txError !== null ? txError : error;
  }
}

/** Issues requests and waits for all; if issuing throws part-way, the ones issued are still awaited. */
async function allRequests(issue: (add: (request: Promise<unknown>) => void) => void): Promise<void> {
  const requests: Promise<unknown>[] = [];
  try {
    issue((request) => requests.push(request));
  } catch (error) {
    void Promise.allSettled(requests);
    throw error;
  }
  await Promise.all(requests);
}

export interface Read<T> {
  readonly value: T | null;
  readonly unreadable: UnreadableRecord | null;
}

function checked<T>(store: string, key: string, value: unknown, problem: (v: unknown) => string | null, what: string): Read<T> {
  if (value === undefined) return { value: null, unreadable: null };
  const wrong = problem(value);
  if (wrong === null) return { value: value as T, unreadable: null };
  return { value: null, unreadable: { store, key, message: `${what} could not be read (${wrong}) and was skipped.` } };
}

/** The library's records in IndexedDB; every read checks shapes and hands back what it skipped. */
export class IdbLibraryBackend {
  constructor(private readonly db: LibraryDb) {}

  close(): void {
    this.db.close();
  }

  /** One flush: every job's new batches, patches and edits, in one transaction. */
  write(writes: readonly JobWrites[]): Promise<readonly string[]> {
    const tx = this.db.transaction(WRITE_STORES, 'readwrite');
    const jobs = tx.objectStore('jobs');
    const summaries = tx.objectStore('summaries');
    return inTransaction(tx, async () => {
      const refused: string[] = [];
      const writeJob = async (w: JobWrites) => {
        if (w.requireOwner !== null && w.create === null) {
          const job = await jobs.get(w.jobId);
          if (job?.owner?.tabId !== w.requireOwner) {
            refused.push(w.jobId);
            return;
          }
        }
        // Edits of a job purged meanwhile would be an orphan record.
        const editsHaveJob = w.edits !== null && (w.create !== null || (await summaries.getKey(w.jobId)) !== undefined);
        await allRequests((add) => {
          if (w.create) {
            add(jobs.put(w.create.job));
            add(summaries.put(w.create.summary));
          }
          for (const batch of w.batches) add(tx.objectStore('batches').put(batch));
          if (w.edits && editsHaveJob) add(tx.objectStore('edits').put(w.edits));
          if (w.jobPatch) add(patch(jobs, w.jobId, w.jobPatch));
          if (w.summaryPatch) add(patch(summaries, w.jobId, w.summaryPatch));
        });
      };
      await Promise.all(writes.map(writeJob));
      return refused;
    });
  }

  async listSummaries(): Promise<{ summaries: JobSummary[]; unreadable: UnreadableRecord[] }> {
    const tx = this.db.transaction('summaries');
    const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll()]);
    const summaries: JobSummary[] = [];
    const unreadable: UnreadableRecord[] = [];
    values.forEach((value, i) => {
      const read = checked<JobSummary>('summaries', String(keys[i]), value, summaryProblem, `The saved transcript ${describeKey(value)}`);
      if (read.value) summaries.push(read.value);
      if (read.unreadable) unreadable.push(read.unreadable);
    });
    return { summaries, unreadable };
  }

  async getSummary(jobId: string): Promise<Read<JobSummary>> {
    return checked('summaries', jobId, await this.db.get('summaries', jobId), summaryProblem, `The saved transcript "${jobId}"`);
  }

  async getJob(jobId: string): Promise<Read<JobRecord>> {
    return checked('jobs', jobId, await this.db.get('jobs', jobId), jobRecordProblem, `The details of the transcript "${jobId}"`);
  }

  async getJobs(jobIds: readonly string[]): Promise<Map<string, JobRecord>> {
    const tx = this.db.transaction('jobs');
    const values = await Promise.all(jobIds.map((id) => tx.store.get(id)));
    const jobs = new Map<string, JobRecord>();
    values.forEach((value, i) => {
      if (value !== undefined && jobRecordProblem(value) === null) jobs.set(jobIds[i], value);
    });
    return jobs;
  }

  async getEdits(jobId: string): Promise<Read<EditsRecord>> {
    return checked('edits', jobId, await this.db.get('edits', jobId), editsProblem, `The edits of the transcript "${jobId}"`);
  }

  /**
   * Up to `limit` batches of a job from `fromSeq` on, in one short transaction, and the seq to
   * read from next (null past the last batch): a reader holds one page of words at a time.
   */
  async readBatches(jobId: string, fromSeq: number, limit: number): Promise<{ batches: WordBatch[]; unreadable: UnreadableRecord[]; nextSeq: number | null }> {
    const range = IDBKeyRange.bound([jobId, fromSeq], [jobId, Infinity]);
    const tx = this.db.transaction('batches');
    const [keys, values] = await Promise.all([tx.store.getAllKeys(range, limit), tx.store.getAll(range, limit)]);
    const batches: WordBatch[] = [];
    const unreadable: UnreadableRecord[] = [];
    values.forEach((value, i) => {
      const seq = keys[i][1];
      const wrong = batchProblem(value);
      if (wrong === null) batches.push(value);
      else {
        unreadable.push({
          store: 'batches',
          key: `${jobId}/${seq}`,
          message: `Part ${seq} of the words of the transcript "${jobId}" could not be read (${wrong}) and was skipped; the rest is shown.`,
        });
      }
    });
    return { batches, unreadable, nextSeq: keys.length === 0 ? null : keys[keys.length - 1][1] + 1 };
  }

  /** The seq after a job's last batch: where a resumed job appends. */
  async nextSeq(jobId: string): Promise<number> {
    const cursor = await this.db.transaction('batches').store.openKeyCursor(jobBatchRange(jobId), 'prev');
    return cursor === null ? 0 : cursor.key[1] + 1;
  }

  /** Removes every record of a job. */
  purge(jobId: string): Promise<void> {
    const tx = this.db.transaction(['jobs', 'summaries', 'batches', 'edits', 'sourceFiles'], 'readwrite');
    return inTransaction(tx, () =>
      allRequests((add) => {
        add(tx.objectStore('jobs').delete(jobId));
        add(tx.objectStore('summaries').delete(jobId));
        add(tx.objectStore('batches').delete(jobBatchRange(jobId)));
        add(tx.objectStore('edits').delete(jobId));
        add(tx.objectStore('sourceFiles').delete(jobId));
      }),
    );
  }

  /** Stores the source file and counts it in the job's size, together. */
  putSourceFile(record: SourceFileRecord): Promise<void> {
    const tx = this.db.transaction(['sourceFiles', 'summaries'], 'readwrite');
    return inTransaction(tx, () =>
      allRequests((add) => {
        add(tx.objectStore('sourceFiles').put(record));
        add(patch(tx.objectStore('summaries'), record.jobId, { sourceFileBytes: record.blob.size }));
      }),
    );
  }

  async getSourceFile(jobId: string): Promise<SourceFileRecord | null> {
    const value = await this.db.get('sourceFiles', jobId);
    return value !== undefined && value.blob instanceof Blob ? value : null;
  }

  /**
   * Makes `tabId` the job's owner if `isFree` says its current owner is gone, in one transaction
   * so two tabs claiming at once cannot both win. Returns whether it did.
   */
  claimOwner(jobId: string, owner: JobRecord['owner'] & object, isFree: (job: JobRecord) => boolean): Promise<boolean> {
    const tx = this.db.transaction('jobs', 'readwrite');
    return inTransaction(tx, async () => {
      const job = await tx.store.get(jobId);
      if (job === undefined || jobRecordProblem(job) !== null || !isFree(job)) return false;
      await tx.store.put({ ...job, owner });
      return true;
    });
  }

  /** Refreshes or clears the owner, only while `tabId` still is the owner. */
  setOwner(jobId: string, tabId: string, owner: JobRecord['owner']): Promise<void> {
    const tx = this.db.transaction('jobs', 'readwrite');
    return inTransaction(tx, async () => {
      const job = await tx.store.get(jobId);
      if (job !== undefined && job.owner?.tabId === tabId) await tx.store.put({ ...job, owner });
    });
  }

  /**
   * Turns a 'running' job into 'interrupted' if `ownerGone` says nobody runs it, in one
   * transaction with that check. Returns the summary as it now is, when it changed.
   */
  markInterrupted(jobId: string, ownerGone: (job: JobRecord | null) => boolean, at: number): Promise<JobSummary | null> {
    const tx = this.db.transaction(['jobs', 'summaries'], 'readwrite');
    return inTransaction(tx, async () => {
      const [job, summary] = await Promise.all([tx.objectStore('jobs').get(jobId), tx.objectStore('summaries').get(jobId)]);
      if (summary === undefined || summaryProblem(summary) !== null || summary.state !== 'running') return null;
      const record = job !== undefined && jobRecordProblem(job) === null ? job : null;
      if (!ownerGone(record)) return null;
      const interrupted: JobSummary = { ...summary, state: 'interrupted', updatedAt: at };
      const writes: Promise<unknown>[] = [tx.objectStore('summaries').put(interrupted)];
      if (record?.owner) writes.push(tx.objectStore('jobs').put({ ...record, owner: null }));
      await Promise.all(writes);
      return interrupted;
    });
  }
}

interface PatchableStore<V> {
  get(key: string): Promise<V | undefined>;
  put(value: V): Promise<unknown>;
}

async function patch<V>(store: PatchableStore<V>, key: string, change: Partial<V>): Promise<void> {
  const current = await store.get(key);
  // A job purged meanwhile stays purged; its late writes have nowhere to go.
  if (current !== undefined) await store.put({ ...current, ...change });
}
