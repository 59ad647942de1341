import { useDeferredValue, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { jobActions, jobById, useJobStore, type TranscriptJob } from '../../jobs/jobStore.ts';
import { displayWordText } from './displayCase.ts';
import { doubtfulCount, isDoubtful, nextDoubtfulIndex, previousDoubtfulIndex } from './doubt.ts';
import type { EditableWord } from './editableWord.ts';
import { ExportButtons } from './ExportButtons.tsx';
import { editedCount, shownWords, withEdit, withRedo, withUndo } from './jobEdits.ts';
import { keyTarget } from './keyTarget.ts';
import { MediaPlayer } from './MediaPlayer.tsx';
import { paragraphs, startsParagraph, type WordRange } from './paragraphs.ts';
import { Player } from './player.ts';
import { wordIndexAtTime } from './playhead.ts';
import { stepRate } from './playbackRates.ts';
import { positionText } from './positionText.ts';
import { commandFor, type WorkspaceCommand } from './shortcuts.ts';
import { ShortcutList } from './ShortcutList.tsx';
import { acceptEdits, joinParagraphAt, replaceWords, splitParagraphBefore } from './transcriptEdits.ts';
import { plainText } from './transcriptExport.ts';
import { findMatches, matchCountText, matchIndexFrom, stepMatch } from './transcriptSearch.ts';
import type { WordEditing } from './ParagraphView.tsx';
import { TranscriptWords, type WordListHandle } from './TranscriptWords.tsx';
import { useWorkspaceJob } from './useWorkspaceJob.ts';
import { WordHighlighter } from './wordHighlighter.ts';
import type { WordSplice } from './wordSplice.ts';
import { useDisplayOptions, useWorkspaceStore, workspaceActions } from './workspaceStore.ts';
import { DisplayControls } from './DisplayControls.tsx';

/** A doubtful word is played from this long before it, so it is heard in its context. */
const DOUBT_LEAD_SECONDS = 1;
/** Live words the log region keeps, so a screen reader hears each batch once, as it comes. */
const SPOKEN_BATCHES = 3;

interface Selection {
  readonly anchor: number;
  readonly head: number;
}

const rangeOf = (selection: Selection): WordRange => ({
  from: Math.min(selection.anchor, selection.head),
  to: Math.max(selection.anchor, selection.head) + 1,
});

/** The workspace of one job: its player, its words to follow, search and correct, and its exports. */
function JobWorkspace({ job }: { job: TranscriptJob }) {
  const options = useDisplayOptions();
  const follow = useWorkspaceStore((s) => s.follow);
  const openAt = useWorkspaceStore((s) => s.openAt);
  const rate = useWorkspaceStore((s) => s.playbackRate);
  const words = useMemo(() => shownWords(job), [job.words, job.edits]);
  const layout = useMemo(() => paragraphs(words, options), [words, options]);
  const text = useMemo(() => plainText(words, options), [words, options]);
  const player = useMemo(() => new Player(), []);
  const highlighter = useMemo(() => new WordHighlighter(), []);
  const list = useRef<WordListHandle | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const searchBox = useRef<HTMLInputElement>(null);

  const [focusIndex, setFocusIndex] = useState(0);
  const [selection, setSelection] = useState<Selection | null>(null);
  const [editing, setEditing] = useState<WordEditing | null>(null);
  const [query, setQuery] = useState('');
  // Searching every word again (as the query is typed, or after an edit) waits for the view to update first.
  const searched = useDeferredValue(query);
  const searchedWords = useDeferredValue(words);
  const matches = useMemo(() => findMatches(searchedWords, searched), [searchedWords, searched]);
  const [currentMatch, setCurrentMatch] = useState(-1);
  const matchShown = useRef(false);
  const [announcement, setAnnouncement] = useState('');
  const lastDoubtful = useRef(-1);
  const [spoken, setSpoken] = useState<ReadonlyArray<{ readonly key: number; readonly text: string }>>([]);
  const spokenCount = useRef(job.words.length);

  const doubtful = useMemo(() => doubtfulCount(words), [words]);
  const edited = useMemo(() => editedCount(words), [words]);
  const history = job.edits?.history ?? null;
  const selected = useMemo(() => (selection === null ? null : rangeOf(selection)), [selection]);

  // The handlers below run from listeners set once; they read the latest render through this.
  const latest = useRef({ job, words, options, follow, rate, matches, currentMatch, selected, focusIndex, editing });
  latest.current = { job, words, options, follow, rate, matches, currentMatch, selected, focusIndex, editing };

  useEffect(
    () =>
      player.onTime((seconds) => {
        const { words, follow, editing } = latest.current;
        const index = wordIndexAtTime(words, seconds);
        if (index === highlighter.currentIndex) return;
        highlighter.setCurrent(index);
        // Following would scroll an open editor away, which closes it.
        if (follow && editing === null && index >= 0) list.current?.reveal(index);
      }),
    [player, highlighter],
  );

  // An edit moves words: the playhead's word is found again.
  useEffect(() => highlighter.setCurrent(wordIndexAtTime(words, player.currentTime)), [words, player, highlighter]);

  // Opened at a word (a library search hit): playback, the highlight and the focus go there.
  useEffect(() => {
    if (openAt === null || openAt.jobId !== job.id) return;
    workspaceActions.tookOpenAt();
    const index = openAt.wordIndex;
    const word = latest.current.words[index];
    if (word === undefined) return;
    setFocusIndex(index);
    player.seek(word.start);
    // Without media the player has no playhead to follow: the word is made current all the same.
    highlighter.setCurrent(index);
    list.current?.focusWord(index);
  }, [openAt, job.id, player, highlighter]);

  useEffect(() => {
    setCurrentMatch(matchIndexFrom(matches, Math.max(0, highlighter.currentIndex)));
    matchShown.current = false;
  }, [matches, highlighter]);

  // A recording's words are spoken as they are committed (a file's would come far faster than speech).
  useEffect(() => {
    const count = job.words.length;
    if (job.kind !== 'live' || count <= spokenCount.current) return;
    const batch = job.words
      .slice(spokenCount.current)
      .map((_, k) => displayWordText(job.words, spokenCount.current + k, options))
      .join(' ');
    spokenCount.current = count;
    setSpoken((batches) => [...batches.slice(1 - SPOKEN_BATCHES), { key: count, text: batch }]);
  }, [job.words, job.kind, options]);

  const announce = (message: string) => setAnnouncement((previous) => (previous === message ? `${message}\u00a0` : message));

  /** Applies an edit made on the current words; returns how many words there are after it. */
  const applyEdit = (make: (words: readonly EditableWord[]) => WordSplice): number => {
    const fresh = jobById(useJobStore.getState(), job.id);
    if (fresh === null) return 0;
    const edits = withEdit(fresh, make);
    jobActions.setEdits(fresh.id, edits);
    return edits.history.words.length;
  };

  const seekTo = (index: number) => {
    const word = latest.current.words[index];
    if (word !== undefined) player.seek(word.start);
  };

  const showMatch = (k: number) => {
    const match = latest.current.matches[k];
    if (match === undefined) return;
    setCurrentMatch(k);
    matchShown.current = true;
    setFocusIndex(match.from);
    list.current?.reveal(match.from);
    seekTo(match.from);
  };

  const stepDoubtful = (direction: 1 | -1) => {
    const { words } = latest.current;
    const from = lastDoubtful.current >= 0 ? lastDoubtful.current : highlighter.currentIndex;
    const index =
      direction === 1
        ? nextDoubtfulIndex(words, from, { wrap: true })
        : previousDoubtfulIndex(words, from < 0 ? words.length : from, { wrap: true });
    if (index < 0) {
      announce('No word is doubtful.');
      return;
    }
    lastDoubtful.current = index;
    setFocusIndex(index);
    setSelection(null);
    if (root.current?.querySelector('.transcript-scroller')?.contains(document.activeElement)) list.current?.focusWord(index);
    else list.current?.reveal(index);
    player.seek(words[index].start - DOUBT_LEAD_SECONDS);
    player.play();
    const ordinal = words.slice(0, index + 1).filter(isDoubtful).length;
    announce(`Doubtful word ${ordinal} of ${doubtful}: “${displayWordText(words, index, latest.current.options)}”, ${Math.round(words[index].confidence * 100)} % confidence.`);
  };

  const undoOrRedo = (which: 'undo' | 'redo') => {
    const fresh = jobById(useJobStore.getState(), job.id);
    if (fresh?.edits == null) return;
    const { history } = fresh.edits;
    if ((which === 'undo' ? history.done : history.undone).length === 0) return;
    jobActions.setEdits(fresh.id, which === 'undo' ? withUndo(fresh) : withRedo(fresh));
    announce(which === 'undo' ? 'Edit undone.' : 'Edit redone.');
  };

  const run = (command: WorkspaceCommand) => {
    switch (command) {
      case 'playPause':
        return player.togglePlay();
      case 'back':
        return player.skip(-1);
      case 'forward':
        return player.skip(1);
      case 'slower':
      case 'faster':
        return workspaceActions.setPlaybackRate(stepRate(latest.current.rate, command === 'faster' ? 1 : -1));
      case 'nextDoubtful':
        return stepDoubtful(1);
      case 'previousDoubtful':
        return stepDoubtful(-1);
      case 'find':
        searchBox.current?.focus();
        return searchBox.current?.select();
      case 'undo':
      case 'redo':
        return undoOrRedo(command);
      case 'toggleFollow':
        workspaceActions.setFollow(!latest.current.follow);
        return announce(latest.current.follow ? 'Follow playback off.' : 'Follow playback on.');
      case 'announce': {
        const { words, options } = latest.current;
        const index = highlighter.currentIndex;
        return announce(positionText(player.currentTime, index, words.length, index >= 0 ? displayWordText(words, index, options) : null));
      }
    }
  };

  const runRef = useRef(run);
  runRef.current = run;
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const target = event.target instanceof Element ? event.target : null;
      if (target !== document.body && (target === null || !root.current?.contains(target))) return;
      const command = commandFor(event, target === document.body ? 'elsewhere' : keyTarget(target));
      if (command === null) return;
      event.preventDefault();
      runRef.current(command);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const startEditing = (range: WordRange) => {
    const { words, options } = latest.current;
    if (range.from >= range.to || range.to > words.length) return;
    const shown: string[] = [];
    for (let i = range.from; i < range.to; i++) shown.push(displayWordText(words, i, options));
    setEditing({ ...range, text: shown.join(' ') });
  };

  const finishEditing = (text: string | null, refocus: boolean) => {
    const range = latest.current.editing;
    setEditing(null);
    setSelection(null);
    if (range === null) return;
    let count = latest.current.words.length;
    if (text !== null) {
      count = applyEdit((words) => replaceWords(words, range.from, range.to, text, latest.current.options));
      announce(text.trim() === '' ? 'Words deleted.' : 'Correction kept.');
    }
    const next = Math.min(range.from, count - 1);
    setFocusIndex(Math.max(0, next));
    if (refocus && next >= 0) list.current?.focusWord(next);
  };

  const deleteWords = (range: WordRange) => {
    const count = applyEdit((words) => replaceWords(words, range.from, range.to, '', latest.current.options));
    setSelection(null);
    announce(range.to - range.from === 1 ? 'Word deleted.' : `${range.to - range.from} words deleted.`);
    const next = Math.min(range.from, count - 1);
    setFocusIndex(Math.max(0, next));
    if (next >= 0) list.current?.focusWord(next);
  };

  const toggleParagraph = (index: number) => {
    const { options } = latest.current;
    let started = false;
    applyEdit((words) => {
      started = !startsParagraph(words, index, options);
      return started ? splitParagraphBefore(words, index, options) : joinParagraphAt(words, index, options);
    });
    announce(index === 0 ? 'The first word always starts a paragraph.' : started ? 'New paragraph.' : 'Paragraph joined to the one before.');
    list.current?.focusWord(index);
  };

  const moveTo = (index: number, extend: boolean, from: number) => {
    const { words } = latest.current;
    const next = Math.max(0, Math.min(words.length - 1, index));
    setSelection((current) => (extend ? { anchor: current?.anchor ?? from, head: next } : null));
    setFocusIndex(next);
    list.current?.focusWord(next);
  };

  const paragraphStart = (index: number, direction: 1 | -1) => {
    const k = layout.findIndex((p) => index >= p.from && index < p.to);
    const target = layout[Math.max(0, Math.min(layout.length - 1, k + direction))];
    return target?.from ?? index;
  };

  /** The keys of a focused word; returns whether the key was the word's. */
  const handleWordKey = (index: number, event: KeyboardEvent): boolean => {
    const { selected } = latest.current;
    const range = selected !== null && index >= selected.from && index < selected.to ? selected : { from: index, to: index + 1 };
    const paragraph = layout.find((p) => index >= p.from && index < p.to);
    const move = (to: number) => moveTo(to, event.shiftKey, index);
    switch (event.key) {
      case 'ArrowRight':
        move(index + 1);
        return true;
      case 'ArrowLeft':
        move(index - 1);
        return true;
      case 'ArrowDown':
        move(paragraphStart(index, 1));
        return true;
      case 'ArrowUp':
        move(paragraphStart(index, -1));
        return true;
      case 'Home':
        move(paragraph?.from ?? index);
        return true;
      case 'End':
        move((paragraph?.to ?? index + 1) - 1);
        return true;
      case 'Enter':
        if (event.shiftKey) toggleParagraph(index);
        else seekTo(index);
        return true;
      case 'F2':
      case 'e':
      case 'E':
        startEditing(range);
        return true;
      case 'Delete':
      case 'Backspace':
        deleteWords(range);
        return true;
      case 'Escape':
        if (selected === null) return false;
        setSelection(null);
        return true;
      default:
        return false;
    }
  };

  const onWordKey = (index: number, event: KeyboardEvent) => {
    if (!(event.altKey || event.ctrlKey || event.metaKey) && handleWordKey(index, event)) event.preventDefault();
  };

  const onWordClick = (index: number, event: MouseEvent) => {
    if (event.shiftKey) setSelection((current) => ({ anchor: current?.anchor ?? latest.current.focusIndex, head: index }));
    else setSelection(null);
    setFocusIndex(index);
    seekTo(index);
  };

  const searchKey = (event: KeyboardEvent) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      const { matches, currentMatch } = latest.current;
      if (matches.length === 0) return;
      const step = event.shiftKey ? -1 : 1;
      showMatch(matchShown.current || currentMatch < 0 ? stepMatch(currentMatch, matches.length, step) : currentMatch);
    } else if (event.key === 'Escape' && query !== '') {
      event.preventDefault();
      setQuery('');
    }
  };

  const target = selected ?? (words.length > 0 ? { from: focusIndex, to: Math.min(words.length, focusIndex + 1) } : null);
  const running = job.outcome === 'running';

  return (
    <div className="job-workspace" ref={root}>
      <MediaPlayer job={job} player={player} />
      <div className="toolbar">
        <div className="row tools" role="group" aria-label="Search">
          <input
            ref={searchBox}
            type="search"
            className="search-input"
            aria-label="Search the transcript"
            aria-keyshortcuts="/"
            placeholder="Search the transcript"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={searchKey}
          />
          <span className="figures match-count" aria-live="polite" data-testid="match-count">
            {searched.trim() === '' ? '' : matchCountText(currentMatch, matches.length)}
          </span>
          <button
            type="button"
            aria-label="Previous match"
            title="Previous match (Shift+Enter)"
            disabled={matches.length === 0}
            onClick={() => showMatch(stepMatch(currentMatch, matches.length, -1))}
          >
            ↑
          </button>
          <button
            type="button"
            aria-label="Next match"
            title="Next match (Enter)"
            disabled={matches.length === 0}
            onClick={() => showMatch(stepMatch(currentMatch, matches.length, 1))}
          >
            ↓
          </button>
        </div>
        <div className="row tools" role="group" aria-label="Doubtful words">
          <span className="figures" data-testid="doubtful-count">
            {doubtful === 1 ? '1 doubtful word' : `${doubtful} doubtful words`}
          </span>
          <button
            type="button"
            aria-label="Previous doubtful word"
            title="Previous doubtful word (Shift+D)"
            disabled={doubtful === 0}
            onClick={() => stepDoubtful(-1)}
            aria-keyshortcuts="Shift+D"
          >
            ◀
          </button>
          <button
            type="button"
            aria-label="Next doubtful word"
            title="Next doubtful word (D)"
            disabled={doubtful === 0}
            onClick={() => stepDoubtful(1)}
            aria-keyshortcuts="d"
          >
            ▶
          </button>
        </div>
        <div className="row tools" role="group" aria-label="Corrections">
          <button type="button" disabled={target === null} onClick={() => target !== null && startEditing(target)} aria-keyshortcuts="e F2">
            Edit
          </button>
          <button type="button" disabled={target === null} onClick={() => target !== null && deleteWords(target)} aria-keyshortcuts="Delete">
            Delete
          </button>
          <button type="button" disabled={target === null} onClick={() => target !== null && toggleParagraph(target.from)} aria-keyshortcuts="Shift+Enter">
            Paragraph break
          </button>
          <button type="button" disabled={history === null || history.done.length === 0} onClick={() => undoOrRedo('undo')} aria-keyshortcuts="Control+Z">
            Undo
          </button>
          <button type="button" disabled={history === null || history.undone.length === 0} onClick={() => undoOrRedo('redo')} aria-keyshortcuts="Control+Shift+Z">
            Redo
          </button>
          <button type="button" disabled={edited === 0} onClick={() => applyEdit((words) => acceptEdits(words))}>
            Accept edits{edited > 0 && ` (${edited})`}
          </button>
        </div>
      </div>
      {words.length === 0 && job.pending === null ? (
        <p className="transcript-empty figures">{running ? 'Words appear here as they are transcribed.' : 'No words in this transcript.'}</p>
      ) : (
        <TranscriptWords
          words={words}
          paragraphs={layout}
          options={options}
          pendingText={job.pending?.text ?? null}
          running={running}
          matches={matches}
          currentMatch={currentMatch}
          focusIndex={focusIndex}
          selection={selected}
          editing={editing}
          highlighter={highlighter}
          handle={list}
          onWordClick={onWordClick}
          onWordEdit={(index) => startEditing({ from: index, to: index + 1 })}
          onWordKey={onWordKey}
          onWordFocus={setFocusIndex}
          onParagraphSeek={(index) => {
            setFocusIndex(index);
            seekTo(index);
          }}
          onEditDone={finishEditing}
        />
      )}
      <p id="editor-help" hidden>
        Enter keeps the correction, Escape drops it.
      </p>
      <p id="words-help" hidden>
        Arrow keys move from word to word, Enter moves playback to the word, E corrects it; the keyboard shortcuts are listed under Keyboard shortcuts.
      </p>
      <div hidden data-testid="transcript">
        {text}
      </div>
      <div className="visually-hidden" role="log" aria-label="New words">
        {spoken.map((batch) => (
          <p key={batch.key}>{batch.text}</p>
        ))}
      </div>
      <div className="visually-hidden" aria-live="polite">
        {announcement}
      </div>
      <div className="workspace-foot">
        <ExportButtons job={job} />
        <DisplayControls />
      </div>
    </div>
  );
}

/** The transcript workspace: the job in view (current, or an earlier one opened), or how to start one. */
export function TranscriptWorkspace() {
  const job = useWorkspaceJob();
  const current = useJobStore((s) => s.job);
  const earlier = job !== null && current !== null && job.id !== current.id;
  return (
    <section className="workspace card" aria-labelledby="transcript-heading">
      <div className="workspace-head">
        <h2 id="transcript-heading">Transcript{job !== null && `: ${job.source}`}</h2>
        {job !== null && <ShortcutList />}
      </div>
      {earlier && (
        <p className="row viewing-earlier">
          This is an earlier transcript.{' '}
          <button type="button" onClick={() => workspaceActions.view(null)}>
            Show the current one ({current.source})
          </button>
        </p>
      )}
      {job === null ? (
        <>
          <p className="transcript-empty figures">
            Pick or drop an audio or video file, or press Record: its transcript appears here, with the audio to play it back word by word.
          </p>
          <div hidden data-testid="transcript" />
        </>
      ) : (
        <JobWorkspace key={job.id} job={job} />
      )}
    </section>
  );
}
