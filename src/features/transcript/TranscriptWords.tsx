import {
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
  type RefObject,
} from 'react';
import type { DisplayOptions } from './displayCase.ts';
import type { TranscriptWord } from './editableWord.ts';
import { HeightIndex, visibleRows, type RowWindow } from './heightIndex.ts';
import type { Paragraph, WordRange } from './paragraphs.ts';
import { ParagraphView, type WordEditing } from './ParagraphView.tsx';
import { REVEAL_AT, revealScrollTop } from './revealScroll.ts';
import { WORD_SELECTOR, type WordHighlighter } from './wordHighlighter.ts';

/**
 * Pixels of paragraphs rendered beyond each edge of the viewport, so a short scroll finds them
 * there. A jump renders the viewport's paragraphs alone first, and these once it has been painted.
 */
const OVERSCAN_PX = 500;
/** Paragraphs rendered before the viewport has been measured. */
const FIRST_RENDER_PARAGRAPHS = 12;
// Height of a one-line paragraph and of each further line, until paragraphs are measured.
const ESTIMATED_LINE_PX = 29;
const ESTIMATED_PARAGRAPH_PX = 44;
const ESTIMATED_CHARACTER_PX = 10.5;

export interface WordListHandle {
  /** Scrolls word `index` into view unless it is comfortably in view, rendering its paragraph first. */
  reveal(index: number): void;
  /** Reveals word `index` and gives it keyboard focus. */
  focusWord(index: number): void;
}

export interface TranscriptWordsProps {
  readonly words: readonly TranscriptWord[];
  readonly paragraphs: readonly Paragraph[];
  readonly options: DisplayOptions;
  /** The tentative tail of a running job. */
  readonly pendingText: string | null;
  /** While the job runs, new words keep a view scrolled to the end at the end. */
  readonly running: boolean;
  readonly matches: readonly WordRange[];
  readonly currentMatch: number;
  /** The word that takes Tab into the transcript (roving tab stop). */
  readonly focusIndex: number;
  readonly selection: WordRange | null;
  readonly editing: WordEditing | null;
  readonly highlighter: WordHighlighter;
  readonly handle: RefObject<WordListHandle | null>;
  readonly onWordClick: (index: number, event: MouseEvent) => void;
  readonly onWordEdit: (index: number) => void;
  readonly onWordKey: (index: number, event: KeyboardEvent) => void;
  readonly onWordFocus: (index: number) => void;
  readonly onParagraphSeek: (wordIndex: number) => void;
  /** The editor closed: `text` to keep, or null to drop the change; `refocus` when by a key, not by leaving it. */
  readonly onEditDone: (text: string | null, refocus: boolean) => void;
}

interface Measured {
  readonly width: number;
  readonly options: DisplayOptions;
  readonly height: number;
}

/**
 * A paragraph's measured height is kept under its start and its number of words, which an edit
 * elsewhere, or words committed after it, leave as they were.
 */
const measureKey = (paragraph: Paragraph) => `${paragraph.start}:${paragraph.to - paragraph.from}`;

function characters(words: readonly TranscriptWord[], paragraph: Paragraph): number {
  let count = paragraph.to - paragraph.from;
  for (let i = paragraph.from; i < paragraph.to; i++) count += words[i].text.length;
  return count;
}

/** The ranges of `ranges` (sorted, not overlapping) that overlap words `from` to `to`. */
function overlapping(ranges: readonly WordRange[], from: number, to: number): WordRange[] {
  let low = 0;
  let high = ranges.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (ranges[middle].to <= from) low = middle + 1;
    else high = middle;
  }
  const found: WordRange[] = [];
  for (let k = low; k < ranges.length && ranges[k].from < to; k++) found.push(ranges[k]);
  return found;
}

const NO_RANGES: readonly WordRange[] = [];


/**
 * The transcript's words in paragraphs, each word its own element with its times. Only the
 * paragraphs near the viewport are rendered, over spacers as tall as the rest (measured once
 * seen, estimated from their length before), so a three-hour transcript costs what a screenful does.
 */
export function TranscriptWords(props: TranscriptWordsProps) {
  const { words, paragraphs, options, pendingText, running, matches, currentMatch, focusIndex, selection, editing, highlighter, handle } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [rows, setRows] = useState<RowWindow>({ first: 0, end: FIRST_RENDER_PARAGRAPHS });
  const [measuredVersion, setMeasuredVersion] = useState(0);
  const measured = useRef(new Map<string, Measured>());
  /** A reveal waiting for its paragraph to render: the word, whether to focus it, and where to scroll first. */
  const pending = useRef<{ index: number; focus: boolean; top: number | null } | null>(null);
  const viewportHeight = useRef(0);
  const atEnd = useRef(true);
  const callbacks = useRef(props);
  callbacks.current = props;

  const onEditDone = useCallback((text: string | null, refocus: boolean) => callbacks.current.onEditDone(text, refocus), []);
  const lengths = useMemo(() => paragraphs.map((p) => characters(words, p)), [words, paragraphs]);

  const index = useMemo(() => {
    const perLine = Math.max(8, (width - 80) / ESTIMATED_CHARACTER_PX);
    return new HeightIndex(
      paragraphs.map((p, k) => {
        const known = measured.current.get(measureKey(p));
        if (known !== undefined && known.width === width && known.options === options) return known.height;
        return ESTIMATED_PARAGRAPH_PX + ESTIMATED_LINE_PX * Math.max(0, Math.ceil(lengths[k] / perLine) - 1);
      }),
    );
  }, [paragraphs, lengths, width, options]);
  const indexRef = useRef(index);
  indexRef.current = index;

  const shownRows = useRef(rows);
  const widening = useRef(0);
  /** Renders the rows for the viewport scrolled to `top` (by default where it is). */
  const updateRows = useCallback((top?: number) => {
    const el = scroller.current;
    if (el === null) return;
    const scrollTop = top ?? el.scrollTop;
    const height = viewportHeight.current;
    const wide = visibleRows(indexRef.current, scrollTop, height, OVERSCAN_PX);
    const jumped = wide.first >= shownRows.current.end || wide.end <= shownRows.current.first;
    const next = jumped ? visibleRows(indexRef.current, scrollTop, height, 0) : wide;
    if (jumped) {
      cancelAnimationFrame(widening.current);
      widening.current = requestAnimationFrame(() => setTimeout(() => updateRowsRef.current(), 0));
    }
    // A focused word about to scroll out of the rendered rows hands focus to the scroller (an
    // open editor keeps its text: losing focus commits it).
    const active = document.activeElement;
    if (active !== null && active !== el && el.contains(active)) {
      const k = Number(active.closest<HTMLElement>('[data-k]')?.dataset.k ?? -1);
      if (k >= 0 && (k < next.first || k >= next.end)) el.focus({ preventScroll: true });
    }
    shownRows.current = next;
    setRows((rows) => (rows.first === next.first && rows.end === next.end ? rows : next));
  }, []);
  const updateRowsRef = useRef(() => updateRows());
  useEffect(() => () => cancelAnimationFrame(widening.current), []);

  const observer = useMemo(
    () =>
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver((entries) => {
            let changed = false;
            const current = indexRef.current;
            const { paragraphs, options } = callbacks.current;
            for (const entry of entries) {
              const el = entry.target as HTMLElement;
              const k = Number(el.dataset.k);
              const paragraph = paragraphs[k];
              if (paragraph === undefined || k >= current.count) continue;
              const height = entry.borderBoxSize[0]?.blockSize ?? el.offsetHeight;
              const width = scroller.current?.clientWidth ?? 0;
              measured.current.set(measureKey(paragraph), { width, options, height });
              if (current.set(k, height)) changed = true;
            }
            if (changed) setMeasuredVersion((v) => v + 1);
          }),
    [],
  );
  useEffect(() => () => observer?.disconnect(), [observer]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (el === null) return;
    setWidth(el.clientWidth);
    viewportHeight.current = el.clientHeight;
    const resized = new ResizeObserver(() => {
      setWidth(el.clientWidth);
      viewportHeight.current = el.clientHeight;
      updateRows();
    });
    resized.observe(el);
    return () => resized.disconnect();
  }, [updateRows]);

  useLayoutEffect(() => highlighter.attach(scroller.current), [highlighter]);
  useLayoutEffect(() => () => highlighter.attach(null), [highlighter]);

  // New heights or paragraphs move the rows the viewport shows.
  useLayoutEffect(() => updateRows(pending.current?.top ?? undefined), [index, measuredVersion, updateRows]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (el !== null && running && atEnd.current && pending.current === null) el.scrollTop = el.scrollHeight;
  }, [words, pendingText, running]);

  const wordElement = (wordIndex: number) => scroller.current?.querySelector<HTMLElement>(`${WORD_SELECTOR}[data-i="${wordIndex}"]`) ?? null;

  const scrollToElement = (element: HTMLElement) => {
    const el = scroller.current!;
    const box = el.getBoundingClientRect();
    const target = element.getBoundingClientRect();
    const top = target.top - box.top + el.scrollTop;
    const next = revealScrollTop(top, top + target.height, el.scrollTop, el.clientHeight);
    if (next !== null) el.scrollTop = next;
  };

  const paragraphOf = (wordIndex: number) => {
    const list = callbacks.current.paragraphs;
    let low = 0;
    let high = list.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (list[middle].to <= wordIndex) low = middle + 1;
      else high = middle;
    }
    return low;
  };

  const reveal = (wordIndex: number, focus: boolean) => {
    const el = scroller.current;
    if (el === null) return;
    const element = wordElement(wordIndex);
    if (element !== null) {
      scrollToElement(element);
      if (focus) element.focus({ preventScroll: true });
      return;
    }
    const k = paragraphOf(wordIndex);
    if (k >= indexRef.current.count) return;
    // The paragraph renders where it is estimated to be; the scroll waits for it (one layout, not two).
    const top = Math.max(0, indexRef.current.offsetOf(k) - viewportHeight.current * REVEAL_AT);
    pending.current = { index: wordIndex, focus, top };
    updateRows(top);
  };

  useImperativeHandle(handle, () => ({ reveal: (i) => reveal(i, false), focusWord: (i) => reveal(i, true) }));

  // A reveal that had to render its paragraph first finishes once it is there.
  useLayoutEffect(() => {
    const wanted = pending.current;
    const el = scroller.current;
    if (wanted === null || el === null) return;
    if (wanted.top !== null) {
      el.scrollTop = wanted.top;
      pending.current = { ...wanted, top: null };
    }
    const element = wordElement(wanted.index);
    if (element === null) return;
    pending.current = null;
    scrollToElement(element);
    if (wanted.focus) element.focus({ preventScroll: true });
  });

  const onScroll = useRef(0);
  const scrolled = () => {
    const el = scroller.current!;
    atEnd.current = el.scrollTop + el.clientHeight >= el.scrollHeight - 8;
    if (onScroll.current !== 0) return;
    onScroll.current = requestAnimationFrame(() => {
      onScroll.current = 0;
      updateRows();
    });
  };
  useEffect(() => () => cancelAnimationFrame(onScroll.current), []);

  const first = Math.min(rows.first, paragraphs.length);
  const end = Math.min(rows.end, paragraphs.length);
  // The tab stop stays on a rendered word, so Tab always reaches the transcript.
  const firstRendered = first < end ? paragraphs[first].from : -1;
  const lastRendered = first < end ? paragraphs[end - 1].to : -1;
  const tabStop = focusIndex >= firstRendered && focusIndex < lastRendered ? focusIndex : firstRendered;

  const wordFrom = (event: { target: EventTarget }) => {
    const word = (event.target as Element).closest?.(WORD_SELECTOR) as HTMLElement | null;
    return word === null ? -1 : Number(word.dataset.i);
  };

  const shownMatch = matches[currentMatch] ?? null;
  const rendered: ReactNode[] = [];
  for (let k = first; k < end; k++) {
    const paragraph = paragraphs[k];
    const overlapsEditing = editing !== null && editing.from < paragraph.to && editing.to > paragraph.from;
    rendered.push(
      <ParagraphView
        key={k}
        k={k}
        paragraph={paragraph}
        words={words}
        options={options}
        matches={matches.length === 0 ? NO_RANGES : overlapping(matches, paragraph.from, paragraph.to)}
        currentMatch={shownMatch !== null && shownMatch.from < paragraph.to && shownMatch.to > paragraph.from ? shownMatch : null}
        tabStop={tabStop >= paragraph.from && tabStop < paragraph.to ? tabStop : -1}
        selection={selection !== null && selection.from < paragraph.to && selection.to > paragraph.from ? selection : null}
        editing={overlapsEditing ? editing : null}
        highlighter={highlighter}
        observer={observer}
        onEditDone={onEditDone}
      />,
    );
  }

  return (
    <div
      className="transcript-scroller"
      ref={scroller}
      tabIndex={-1}
      role="region"
      aria-label="Transcript words"
      aria-describedby="words-help"
      onScroll={scrolled}
      // Shift+click selects words, not the page's text.
      onMouseDown={(event) => event.shiftKey && event.preventDefault()}
      onClick={(event) => {
        const stamp = (event.target as Element).closest?.('[data-stamp]') as HTMLElement | null;
        if (stamp !== null) {
          callbacks.current.onParagraphSeek(Number(stamp.dataset.stamp));
          return;
        }
        const i = wordFrom(event);
        if (i >= 0) callbacks.current.onWordClick(i, event);
      }}
      onDoubleClick={(event) => {
        const i = wordFrom(event);
        if (i >= 0) callbacks.current.onWordEdit(i);
      }}
      onKeyDown={(event) => {
        const target = event.target as HTMLElement;
        if (target.dataset.testid === 'word') callbacks.current.onWordKey(Number(target.dataset.i), event);
      }}
      onFocus={(event) => {
        const target = event.target as HTMLElement;
        if (target.dataset.testid === 'word') callbacks.current.onWordFocus(Number(target.dataset.i));
      }}
    >
      <div className="spacer" style={{ height: index.offsetOf(first) }} />
      {rendered}
      <div className="spacer" style={{ height: index.total - index.offsetOf(end) }} />
      {pendingText !== null && (
        <p className="pending-line">
          <span className="pending" aria-hidden="true" data-testid="transcript-tail">
            {pendingText}
          </span>
        </p>
      )}
    </div>
  );
}
