import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import { formatBytes } from '../../shared/formatBytes.ts';
import { formatDuration } from '../../shared/formatDuration.ts';
import type { LibraryJobs } from './libraryJobs.ts';
import type { ListedJob, SearchHit } from './transcriptLibrary.ts';

export interface LibraryPanelProps {
  readonly jobs: LibraryJobs;
  /** Whether dropped files are kept in the library too, and the switch for it. */
  readonly keepFiles: boolean;
  readonly onKeepFilesChange: (keep: boolean) => void;
}

function progressText(item: ListedJob): string {
  const total = item.durationSeconds === null ? '' : ` of ${formatDuration(item.durationSeconds)}`;
  return `Interrupted at ${formatDuration(item.committedSeconds)}${total}`;
}

const STATE_TEXT: Record<ListedJob['state'], string> = {
  running: 'running',
  done: 'done',
  interrupted: 'interrupted',
  cancelled: 'cancelled',
  error: 'failed',
};

function LibraryItem({ item, jobs, refresh }: { item: ListedJob; jobs: LibraryJobs; refresh: () => void }) {
  const [note, setNote] = useState<string | null>(item.state === 'error' ? item.message : null);
  const [needsFile, setNeedsFile] = useState(false);
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(item.name);
  const [undoUntil, setUndoUntil] = useState<number | null>(null);

  const resume = async (picked?: File) => {
    const outcome = await jobs.resume(item, picked);
    if (outcome.kind === 'needs-file') {
      setNeedsFile(true);
      setNote(`"${outcome.name}" is not kept in this browser: pick the same file to continue.`);
    } else if (outcome.kind === 'refused') {
      setNote(outcome.message);
    } else {
      setNeedsFile(false);
      setNote('Continuing from the last saved window…');
    }
    refresh();
  };

  const rename = async (event: FormEvent) => {
    event.preventDefault();
    if (await jobs.library.rename(item.id, name.trim() || item.name)) setRenaming(false);
    refresh();
  };

  const remove = async () => {
    const result = await jobs.library.delete(item.id);
    if (result.deleted) setUndoUntil(result.undoUntil);
    else setNote(result.reason);
  };

  useEffect(() => {
    if (undoUntil === null) return;
    const timer = setTimeout(() => {
      setUndoUntil(null);
      refresh();
    }, Math.max(0, undoUntil - Date.now()));
    return () => clearTimeout(timer);
  }, [undoUntil, refresh]);

  if (undoUntil !== null) {
    return (
      <li data-testid="library-item" data-state="deleted">
        Deleted "{item.name}".{' '}
        <button
          type="button"
          onClick={async () => {
            await jobs.library.undoDelete(item.id);
            setUndoUntil(null);
            refresh();
          }}
        >
          Undo
        </button>
      </li>
    );
  }

  return (
    <li data-testid="library-item" data-state={item.state} data-id={item.id}>
      {renaming ? (
        <form onSubmit={(e) => void rename(e)} className="row">
          <label htmlFor={`rename-${item.id}`}>New name</label>
          <input id={`rename-${item.id}`} value={name} onChange={(e) => setName(e.target.value)} />
          <button type="submit">Save name</button>
        </form>
      ) : (
        <strong className="library-name">{item.name}</strong>
      )}
      <span className="figures">
        {' '}
        {new Date(item.createdAt).toLocaleString()} · {item.durationSeconds === null ? 'length unknown' : formatDuration(item.durationSeconds)} ·{' '}
        {item.wordCount} words · {STATE_TEXT[item.state]}
        {item.edited ? ' · edited' : ''} · {item.model} · {formatBytes(item.sizeBytes)}
      </span>
      {item.state === 'interrupted' && <p className="warning">{progressText(item)}</p>}
      {item.runningElsewhere && <p className="figures">Being transcribed in another tab.</p>}
      <div className="row">
        {item.state === 'interrupted' && !item.runningElsewhere && (
          <button type="button" onClick={() => void resume()}>
            Resume
          </button>
        )}
        <button type="button" onClick={() => void jobs.open(item)} disabled={item.state === 'running'}>
          Open <span className="visually-hidden">{item.name}</span>
        </button>
        <button type="button" onClick={() => setRenaming(!renaming)} disabled={item.runningElsewhere}>
          Rename <span className="visually-hidden">{item.name}</span>
        </button>
        <button type="button" onClick={() => void remove()} disabled={item.state === 'running'}>
          Delete <span className="visually-hidden">{item.name}</span>
        </button>
      </div>
      {needsFile && (
        <p>
          <label htmlFor={`repick-${item.id}`}>Pick the same file to resume</label>{' '}
          <input
            id={`repick-${item.id}`}
            type="file"
            accept="audio/*,video/*"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void resume(file);
            }}
          />
        </p>
      )}
      {note !== null && (
        <p role="status" className="figures" data-testid="library-item-note">
          {note}
        </p>
      )}
    </li>
  );
}

/**
 * Every saved transcript, newest first: continue an interrupted one, open, rename, delete (with
 * undo), and search across all of them. Listing reads the summaries only, never the words.
 */
export function LibraryPanel({ jobs, keepFiles, onKeepFilesChange }: LibraryPanelProps) {
  const status = useStore(jobs.library.status);
  const [items, setItems] = useState<ListedJob[] | null>(null);
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [confirmAll, setConfirmAll] = useState(false);
  const [used, setUsed] = useState<string>('');

  const refresh = useCallback(() => {
    void jobs.library.list().then(setItems);
    void jobs.library.storageUsed().then((u) =>
      setUsed(
        `Transcripts take ${formatBytes(u.transcriptsBytes)}${u.usageBytes !== null && u.quotaBytes !== null ? `; this site uses ${formatBytes(u.usageBytes)} of about ${formatBytes(u.quotaBytes)}` : ''}.`,
      ),
    );
  }, [jobs]);

  useEffect(() => {
    refresh();
    return jobs.onChange(refresh);
  }, [jobs, refresh]);

  const search = async (event: FormEvent) => {
    event.preventDefault();
    setHits(query.trim() === '' ? null : await jobs.library.search(query.trim(), { limit: 50 }));
  };

  return (
    <section aria-label="Library" className="library">
      <h2>Library</h2>
      {status.message !== null && (
        <p className="warning" role="status" data-testid="library-status">
          {status.message}
        </p>
      )}
      {status.unreadable.map((record) => (
        <p key={`${record.store}/${record.key}`} className="warning">
          {record.message}
        </p>
      ))}
      <label>
        <input type="checkbox" checked={keepFiles} onChange={(e) => onKeepFilesChange(e.target.checked)} /> Keep dropped files in this
        browser, so an interrupted job resumes without asking for its file again (uses storage the size of each file)
      </label>
      <form onSubmit={(e) => void search(e)} className="row" role="search">
        <label htmlFor="library-search">Search all transcripts</label>
        <input id="library-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
        <button type="submit">Search</button>
      </form>
      {hits !== null && (
        <ol aria-label="Search results" data-testid="library-hits">
          {hits.length === 0 && <li>No transcript has "{query}".</li>}
          {hits.map((hit) => (
            <li key={`${hit.jobId}/${hit.wordIndex}`}>
              {/* One button for the whole hit: a click or Enter anywhere on it opens the transcript at the word. */}
              <button
                type="button"
                className="library-hit"
                data-testid="library-hit"
                data-start={hit.start}
                onClick={() => {
                  const item = items?.find((i) => i.id === hit.jobId);
                  if (item) void jobs.open(item, hit.wordIndex);
                }}
              >
                {hit.name} at {formatDuration(hit.start)}: <span className="figures">…{hit.snippet}…</span>
              </button>
            </li>
          ))}
        </ol>
      )}
      {items === null ? (
        <p>Reading the library…</p>
      ) : items.length === 0 ? (
        <p>No saved transcripts yet: every file and recording is saved here as it is transcribed.</p>
      ) : (
        <ol className="library-items">
          {items.map((item) => (
            <LibraryItem key={item.id} item={item} jobs={jobs} refresh={refresh} />
          ))}
        </ol>
      )}
      <p className="figures" data-testid="library-storage">
        {used} Persistent storage: {status.persistence}.
      </p>
      {items !== null && items.length > 0 && (
        <div className="row">
          {confirmAll ? (
            <>
              <button
                type="button"
                onClick={async () => {
                  await jobs.library.deleteAll();
                  setConfirmAll(false);
                  refresh();
                }}
              >
                Yes, delete all {items.length} transcripts
              </button>
              <button type="button" onClick={() => setConfirmAll(false)}>
                Keep them
              </button>
            </>
          ) : (
            <button type="button" onClick={() => setConfirmAll(true)}>
              Delete all transcripts…
            </button>
          )}
        </div>
      )}
    </section>
  );
}
