import { describe, expect, it } from 'vitest';
import { currentHistory, editedCount, shownWords, withEdit, withRedo, withUndo, type JobEdits } from '../../../src/features/transcript/jobEdits.ts';
import { acceptEdits, replaceWords } from '../../../src/features/transcript/transcriptEdits.ts';
import type { TranscribedWord } from '../../../src/shared/transcript.ts';
import { timed } from '../../support/wordStreams.ts';

const texts = (words: readonly { text: string }[]) => words.map((w) => w.text).join(' ');
const committed = timed('THE@0-0.2 CAT@0.3-0.6 SAT@0.7-1 THEN@3-3.3 IT@3.4-3.5 RAN@3.6-4').map(({ text, start, end, confidence }) => ({ text, start, end, confidence }));

interface Job {
  words: readonly TranscribedWord[];
  edits: JobEdits | null;
}

describe('a job’s corrections', () => {
  it('show the words as transcribed until the first edit', () => {
    const job: Job = { words: committed, edits: null };
    expect(shownWords(job)).toBe(committed);
    expect(currentHistory(job).words.map((w) => w.edited)).toEqual(committed.map(() => false));
  });

  it('apply an edit, and undo and redo it', () => {
    let job: Job = { words: committed, edits: null };
    job = { ...job, edits: withEdit(job, (words) => replaceWords(words, 1, 2, 'DOG')) };
    expect(texts(shownWords(job))).toBe('THE DOG SAT THEN IT RAN');
    expect(editedCount(shownWords(job))).toBe(1);
    job = { ...job, edits: withUndo(job) };
    expect(texts(shownWords(job))).toBe('THE CAT SAT THEN IT RAN');
    job = { ...job, edits: withRedo(job) };
    expect(texts(shownWords(job))).toBe('THE DOG SAT THEN IT RAN');
    job = { ...job, edits: withEdit(job, (words) => acceptEdits(words)) };
    expect(editedCount(shownWords(job))).toBe(0);
  });

  it('keep up with a job that goes on committing words after an edit', () => {
    let job: Job = { words: committed.slice(0, 3), edits: null };
    job = { ...job, edits: withEdit(job, (words) => replaceWords(words, 0, 1, 'A')) };
    // Two more commits arrive: the edited words, then the new ones as transcribed.
    job = { ...job, words: committed.slice(0, 5) };
    expect(texts(shownWords(job))).toBe('A CAT SAT THEN IT');
    expect(shownWords(job)[4]).toMatchObject({ text: 'IT', edited: false });
    // An edit of a new word joins them to the history; undo still finds its edits' words.
    job = { ...job, edits: withEdit(job, (words) => replaceWords(words, 4, 5, 'HE')) };
    expect(job.edits?.wordCount).toBe(5);
    job = { ...job, words: committed };
    expect(texts(shownWords(job))).toBe('A CAT SAT THEN HE RAN');
    job = { ...job, edits: withUndo(job) };
    job = { ...job, edits: withUndo(job) };
    expect(texts(shownWords(job))).toBe('THE CAT SAT THEN IT RAN');
    job = { ...job, edits: withRedo(job) };
    expect(texts(shownWords(job))).toBe('A CAT SAT THEN IT RAN');
  });
});
