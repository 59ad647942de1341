import { memo, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { displayWordText, type DisplayOptions } from './displayCase.ts';
import { isDoubtful } from './doubt.ts';
import type { TranscriptWord } from './editableWord.ts';
import type { Paragraph, WordRange } from './paragraphs.ts';
import { timestamp } from './timestamp.ts';
import type { WordHighlighter } from './wordHighlighter.ts';

export interface WordEditing extends WordRange {
  /** The text the editor starts with: the words as shown. */
  readonly text: string;
}

const seconds = (value: number) => String(Math.round(value * 1000) / 1000);

function sameRanges(a: readonly WordRange[], b: readonly WordRange[]): boolean {
  return a.length === b.length && a.every((range, k) => range.from === b[k].from && range.to === b[k].to);
}

const sameRange = (a: WordRange | null, b: WordRange | null) => a === b || (a !== null && b !== null && a.from === b.from && a.to === b.to);

const within = (range: WordRange | null, index: number) => range !== null && index >= range.from && index < range.to;

interface ParagraphProps {
  readonly k: number;
  readonly paragraph: Paragraph;
  readonly words: readonly TranscriptWord[];
  readonly options: DisplayOptions;
  readonly matches: readonly WordRange[];
  readonly currentMatch: WordRange | null;
  /** The roving tab stop, when it is in this paragraph; -1 otherwise. */
  readonly tabStop: number;
  readonly selection: WordRange | null;
  readonly editing: WordEditing | null;
  readonly highlighter: WordHighlighter;
  readonly observer: ResizeObserver | null;
  readonly onEditDone: (text: string | null, refocus: boolean) => void;
}

function sameParagraphProps(a: ParagraphProps, b: ParagraphProps): boolean {
  if (
    a.k !== b.k ||
    a.paragraph.from !== b.paragraph.from ||
    a.paragraph.to !== b.paragraph.to ||
    a.options !== b.options ||
    a.tabStop !== b.tabStop ||
    a.observer !== b.observer ||
    a.editing !== b.editing ||
    !sameRange(a.selection, b.selection) ||
    !sameRange(a.currentMatch, b.currentMatch) ||
    !sameRanges(a.matches, b.matches)
  ) {
    return false;
  }
  if (a.words === b.words) return true;
  for (let i = a.paragraph.from; i < a.paragraph.to; i++) if (a.words[i] !== b.words[i]) return false;
  return true;
}

function WordEditor({ editing, onDone }: { editing: WordEditing; onDone: (text: string | null, refocus: boolean) => void }) {
  const [text, setText] = useState(editing.text);
  const closed = useRef(false);
  const close = (value: string | null, refocus: boolean) => {
    if (closed.current) return;
    closed.current = true;
    onDone(value, refocus);
  };
  const count = editing.to - editing.from;
  return (
    <input
      className="word-editor"
      type="text"
      autoFocus
      spellCheck
      aria-label={count === 1 ? 'Correct the word' : `Correct ${count} words`}
      aria-describedby="editor-help"
      value={text}
      onChange={(e) => setText(e.target.value)}
      onFocus={(e) => e.currentTarget.select()}
      onBlur={() => close(text, false)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          close(text, true);
        } else if (e.key === 'Escape') {
          e.preventDefault();
          close(null, true);
        }
      }}
    />
  );
}

/**
 * One paragraph: its timestamp (a button that seeks there) and its words, each an element with
 * its times, or the editor in place of the words being corrected. It renders again only when its
 * own words, marks or tab stop change; the playhead's marks it gets from the highlighter.
 */
export const ParagraphView = memo(function ParagraphView(props: ParagraphProps) {
  const { k, paragraph, words, options, matches, currentMatch, tabStop, selection, editing, highlighter, observer, onEditDone } = props;
  const element = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const el = element.current;
    if (el === null || observer === null) return;
    observer.observe(el);
    return () => observer.unobserve(el);
  }, [observer]);

  // React rendered these words afresh (or anew): give them the playhead's marks.
  useLayoutEffect(() => {
    if (element.current !== null) highlighter.paint(element.current);
  });

  const content: ReactNode[] = [];
  for (let i = paragraph.from; i < paragraph.to; i++) {
    if (editing !== null && within(editing, i)) {
      if (i === Math.max(editing.from, paragraph.from) && editing.from >= paragraph.from) {
        content.push(<WordEditor key="editor" editing={editing} onDone={onEditDone} />, ' ');
        continue;
      }
      if (editing.from >= paragraph.from) continue;
    }
    const word = words[i];
    const doubtful = isDoubtful(word);
    const edited = word.edited === true;
    let classes = '';
    if (matches.length > 0 && matches.some((m) => i >= m.from && i < m.to)) classes = within(currentMatch, i) ? 'match current-match' : 'match';
    if (within(selection, i)) classes += ' selected';
    if (editing !== null && within(editing, i)) classes += ' being-edited';
    content.push(
      <span
        key={i}
        className={classes === '' ? undefined : classes.trim()}
        data-testid="word"
        data-i={i}
        data-start={seconds(word.start)}
        data-end={seconds(word.end)}
        data-doubtful={doubtful ? 'true' : undefined}
        data-edited={edited ? 'true' : undefined}
        title={doubtful ? `Doubtful: ${Math.round(word.confidence * 100)} % confidence` : edited ? 'Edited, not yet accepted' : undefined}
        tabIndex={i === tabStop ? 0 : -1}
      >
        {displayWordText(words, i, options)}
      </span>,
      ' ',
    );
  }

  return (
    <div className="para" data-k={k} data-from={paragraph.from} data-to={paragraph.to} ref={element}>
      <button type="button" className="stamp" data-stamp={paragraph.from} aria-label={`Go to ${timestamp(paragraph.start)}`} tabIndex={-1}>
        {timestamp(paragraph.start)}
      </button>
      <p className="para-words">{content}</p>
    </div>
  );
}, sameParagraphProps);
