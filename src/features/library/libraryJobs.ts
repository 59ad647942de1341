import { jobActions, useJobStore } from '../../jobs/jobStore.ts';
import type { FileJobs } from '../file/fileJobs.ts';
import { fileMedia } from '../file/fileMedia.ts';
import { workspaceActions } from '../transcript/workspaceStore.ts';
import type { Autosave } from './autosave.ts';
import { sameSource } from './sourceIdentity.ts';
import type { ListedJob, TranscriptLibrary } from './transcriptLibrary.ts';

/** What came of asking to continue a saved job. */
export type ResumeOutcome =
  | { readonly kind: 'queued' }
  /** The file is not kept in this browser: the user must pick it again. */
  | { readonly kind: 'needs-file'; readonly name: string }
  | { readonly kind: 'refused'; readonly message: string };

/**
 * What the library view does with saved jobs: continue an interrupted one (with the file kept in
 * the library, or the same file picked again), open one into the workspace, and the rest.
 */
export class LibraryJobs {
  constructor(
    readonly library: TranscriptLibrary,
    private readonly files: FileJobs,
    private readonly autosave: Autosave,
  ) {}

  /** Bytes the saved transcripts take, for the storage panel. */
  transcriptsBytes = async (): Promise<number> => (await this.library.storageUsed()).transcriptsBytes;

  /** Writes everything the running jobs have committed so far (before the page reloads, say). */
  saveNow = async (): Promise<void> => {
    await this.autosave.settled();
    await this.library.flush();
  };

  /** Calls `listener` whenever the library's list may have changed (a job saved or ended). */
  onChange(listener: () => void): () => void {
    return this.autosave.onChange(listener);
  }

  /**
   * Continues an interrupted job from its last committed window, with `picked` when the user chose
   * the file again (checked to be the same one), else with the copy kept in the library.
   */
  async resume(item: ListedJob, picked?: File): Promise<ResumeOutcome> {
    const saved = await this.library.loadTranscript(item.id);
    if (saved === null || saved.source === null || saved.settings === null) {
      return { kind: 'refused', message: `"${item.name}" can no longer be read from the library, so it cannot be continued.` };
    }
    if (saved.source.kind === 'recording') {
      // A recording cannot be heard again: what it committed is the transcript.
      const claimed = await this.library.resumeJob(item.id);
      if (claimed.job === null) return { kind: 'refused', message: claimed.reason };
      await claimed.job.finish('done', null);
      return { kind: 'queued' };
    }
    const file = picked ?? (await this.library.sourceFile(item.id));
    if (file === null) return { kind: 'needs-file', name: saved.source.name };
    if (picked !== undefined) {
      const match = await sameSource(saved.source, picked);
      if (!match.same) return { kind: 'refused', message: match.message };
    }
    const claimed = await this.library.resumeJob(item.id);
    if (claimed.job === null) return { kind: 'refused', message: claimed.reason };
    this.autosave.adopt(claimed.job);
    this.files.resume(file, {
      id: item.id,
      words: saved.words,
      committedSeconds: claimed.committedSeconds,
      windowSeconds: saved.settings.windowSeconds,
      strideSeconds: saved.settings.strideSeconds,
    });
    return { kind: 'queued' };
  }

  /**
   * Shows a saved transcript in the workspace (its edited text, when it has one), with its file when
   * kept; at word `atWord` of that text (playback there, the word focused) when given.
   */
  async open(item: ListedJob, atWord?: number): Promise<boolean> {
    const saved = await this.library.loadTranscript(item.id);
    if (saved === null) return false;
    const file = await this.library.sourceFile(item.id);
    const id = jobActions.openTranscript({
      libraryId: item.id,
      kind: saved.source?.kind === 'recording' ? 'live' : 'file',
      source: item.name,
      words: saved.editedWords ?? saved.words,
      durationSeconds: item.durationSeconds,
      outcome: item.state === 'done' || item.state === 'cancelled' || item.state === 'error' ? item.state : 'cancelled',
      media: file === null ? null : fileMedia(file),
    });
    if (atWord !== undefined) workspaceActions.openAtWord({ jobId: id, wordIndex: atWord });
    // While a job runs, the opened transcript waits in the history: show it all the same.
    workspaceActions.view(useJobStore.getState().job?.id === id ? null : id);
    return true;
  }
}
