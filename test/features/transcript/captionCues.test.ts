import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { TranscribedWord } from '../../../src/shared/transcript.ts';
import { captionCues, type CaptionCue } from '../../../src/features/transcript/captionCues.ts';
import { CAPTION_RULES } from '../../../src/features/transcript/captionRules.ts';
import { captionTokens, isNaturalBreak, type CaptionToken } from '../../../src/features/transcript/captionTokens.ts';
import { displayTexts } from '../../../src/features/transcript/displayCase.ts';
import { timed, wordStream } from '../../support/wordStreams.ts';

const ms = (seconds: number) => Math.round(seconds * 1000);
const characters = (text: string) => [...text].length;

/** What the cues should read: the display texts, a word longer than a line cut every 42 characters. */
function expectedReading(words: readonly TranscribedWord[], options = {}): string {
  return displayTexts(words, options)
    .map((text) => {
      const chars = [...text];
      const pieces: string[] = [];
      for (let at = 0; at < chars.length; at += 42) pieces.push(chars.slice(at, at + 42).join(''));
      return pieces.join(' ');
    })
    .join(' ');
}

/** For each cue, the index of its first token. */
function cueTokenStarts(cues: readonly CaptionCue[]): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const cue of cues) {
    starts.push(at);
    at += cue.lines.join(' ').split(' ').length;
  }
  return starts;
}

function expectCaptionRules(words: readonly TranscribedWord[], cues: readonly CaptionCue[]): void {
  const tokens = captionTokens(words);
  const starts = cueTokenStarts(cues);
  expect(cues.flatMap((cue) => cue.lines).join(' ')).toBe(expectedReading(words));
  cues.forEach((cue, k) => {
    expect(cue.text).toBe(cue.lines.join('\n'));
    expect(cue.lines.length).toBeGreaterThanOrEqual(1);
    expect(cue.lines.length).toBeLessThanOrEqual(CAPTION_RULES.maxLines);
    for (const line of cue.lines) {
      expect(characters(line)).toBeGreaterThan(0);
      expect(characters(line)).toBeLessThanOrEqual(CAPTION_RULES.maxLineCharacters);
      expect(line).toBe(line.trim());
    }
    expect(cue.start * 1000).toBeCloseTo(ms(cue.start), 6);
    expect(cue.end * 1000).toBeCloseTo(ms(cue.end), 6);
    const duration = ms(cue.end) - ms(cue.start);
    expect(duration).toBeGreaterThanOrEqual(830);
    expect(duration).toBeLessThanOrEqual(7000);
    const previous = cues[k - 1];
    const next = cues[k + 1];
    if (previous !== undefined) expect(ms(cue.start)).toBeGreaterThanOrEqual(ms(previous.end));
    // In time with its first word, unless the previous cue is still showing its minimum.
    expect(ms(cue.start)).toBe(Math.max(tokens[starts[k]].startMs, previous === undefined ? 0 : ms(previous.end)));
    const readable = (characters(cue.lines.join(' ')) * 1000) / duration <= CAPTION_RULES.maxCharactersPerSecond;
    expect(readable || duration === 7000 || (next !== undefined && ms(cue.end) === ms(next.start))).toBe(true);
  });
  // A paragraph break always ends a cue.
  tokens.forEach((token, t) => {
    if (token.breakAfter === 'paragraph') expect(starts).toContain(t + 1);
  });
}

/** The cue lines hold these tokens (two lines at most of 42 characters, a space between tokens). */
function fits(tokens: readonly CaptionToken[]): boolean {
  const width = (part: readonly CaptionToken[]) => part.reduce((sum, t) => sum + t.length, 0) + part.length - 1;
  if (width(tokens) <= 42) return true;
  for (let k = 1; k < tokens.length; k++) if (width(tokens.slice(0, k)) <= 42 && width(tokens.slice(k)) <= 42) return true;
  return false;
}

/**
 * By trying every way to cut the tokens into cues: the fewest cue ends at no natural break, among
 * segmentations that keep every cue in time with its words, or null when none does.
 */
function fewestUnnaturalBreaks(tokens: readonly CaptionToken[]): number | null {
  let best: number | null = null;
  for (let mask = 0; mask < 2 ** (tokens.length - 1); mask++) {
    const starts = [0, ...tokens.slice(1).flatMap((_, k) => ((mask >> k) & 1 ? [k + 1] : []))];
    let unnatural = 0;
    let clean = true;
    starts.forEach((from, c) => {
      const to = starts[c + 1] ?? tokens.length;
      const cue = tokens.slice(from, to);
      if (!fits(cue) || cue.slice(0, -1).some((t) => t.breakAfter === 'paragraph')) clean = false;
      if (cue.length > 1 && cue[cue.length - 1].endMs - cue[0].startMs > 7000) clean = false;
      if (to < tokens.length && tokens[to].startMs - cue[0].startMs < 830) clean = false;
      if (to < tokens.length && !isNaturalBreak(cue[cue.length - 1].breakAfter)) unnatural++;
    });
    if (clean && (best === null || unnatural < best)) best = unnatural;
  }
  return best;
}

describe('caption cues', () => {
  it('are none for no words', () => {
    expect(captionCues([])).toEqual([]);
  });

  it('start with their first word and stay up for reading, up to the next cue', () => {
    const cues = captionCues(timed('HELLO@0.2-0.7 WORLD@0.8-1.25 AGAIN@7.5-8'));
    expect(cues).toEqual([
      { text: 'HELLO WORLD', lines: ['HELLO WORLD'], start: 0.2, end: 1.25 },
      { text: 'AGAIN', lines: ['AGAIN'], start: 7.5, end: 8.33 },
    ]);
  });

  it('stay up after their words while the silence allows 17 characters a second, and end as the next begins', () => {
    // 31 characters need 1.824 s; the words take 1 s and the silence after them 3 s.
    const roomy = captionCues(timed('WHAT@0-0.2 A@0.2-0.3 WONDERFUL@0.3-0.6 MORNING@0.6-0.8 INDEED@0.8-1 NEXT@4-4.5'));
    expect(roomy[0]).toMatchObject({ text: 'WHAT A WONDERFUL MORNING INDEED', start: 0, end: 1.824 });
    const rest = 'NEXT COMES THE SECOND PART OF THIS LONG SPEECH WHICH GOES ON'
      .split(' ')
      .map((w, i) => `${w}@${1.6 + i * 0.2}-${1.8 + i * 0.2}`)
      .join(' ');
    const tight = captionCues(timed(`WHAT@0-0.2 A@0.2-0.3 WONDERFUL@0.3-0.6 MORNING@0.6-0.8 INDEED@0.8-1 ${rest}`));
    expect(tight[0]).toMatchObject({ text: 'WHAT A WONDERFUL MORNING INDEED', end: 1.6 });
    expect(tight[1].start).toBe(1.6);
  });

  it('cut a word longer than a line into line-long pieces: a 60-character word in one cue of two lines', () => {
    const long = 'A'.repeat(60);
    const cues = captionCues(timed(`${long}@1-4`));
    // 61 characters, the line break counted as a space, need 3.589 s.
    expect(cues).toEqual([{ text: `${'A'.repeat(42)}\n${'A'.repeat(18)}`, lines: ['A'.repeat(42), 'A'.repeat(18)], start: 1, end: 4.589 }]);
  });

  it('spread a word of more than two lines over cues that divide its time', () => {
    // Spoken over 10 s, the word's first two pieces would together outlast a cue.
    const cues = captionCues(timed(`${'B'.repeat(100)}@0-10 END@10.5-11`));
    expect(cues.map((c) => c.lines)).toEqual([['B'.repeat(42)], ['B'.repeat(42), `${'B'.repeat(16)} END`]]);
    expect(cues.map((c) => [c.start, c.end])).toEqual([
      [0, 4.2],
      [4.2, 11],
    ]);
    // Spoken in 3 s, it reads fastest with a first piece alone for 1.26 s: two would get 2.52 s.
    const quick = captionCues(timed(`${'B'.repeat(100)}@0-3`));
    expect(quick.map((c) => c.lines.map((l) => l.length))).toEqual([[42], [42, 16]]);
    expect(quick[1].start).toBe(1.26);
  });

  it('end at a sentence end rather than where the lines would balance', () => {
    const words = timed(
      'THIS@0-0.2 IS@0.2-0.3 A@0.3-0.4 FAIRLY@0.4-0.6 LONG@0.6-0.8 OPENING@0.8-1 SENTENCE@1-1.3 RIGHT@1.3-1.5 HERE@1.5-1.7 ' +
        'AND@1.7-1.8 IT@1.8-1.9 ENDS@1.9-2.1 NOW@2.1-2.3 THEN@2.3-2.5 MORE@2.5-2.7 WORDS@2.7-2.9 FOLLOW@2.9-3.1 ON@3.1-3.2 AND@3.2-3.3 ON@3.3-3.4',
    ).map((w) => (w.text === 'NOW' ? { ...w, text: 'NOW.', typedByUser: true } : w));
    const cues = captionCues(words);
    expect(cues[0].text.endsWith('NOW.')).toBe(true);
    expect(cues[1].text.startsWith('THEN')).toBe(true);
  });

  it('end at a pause rather than between words spoken together', () => {
    const words = timed(
      'ONE@0-0.3 TWO@0.3-0.6 THREE@0.6-0.9 FOUR@0.9-1.2 FIVE@1.2-1.5 SIX@2.1-2.4 SEVEN@2.4-2.7 EIGHT@2.7-3 NINE@3-3.3 TEN@3.3-3.6 ' +
        'ELEVEN@3.6-3.9 TWELVE@3.9-4.2 THIRTEEN@4.2-4.5 FOURTEEN@4.5-4.8 FIFTEEN@4.8-5.1',
    );
    const cues = captionCues(words);
    expect(cues.map((c) => c.lines.join(' '))).toEqual(['ONE TWO THREE FOUR FIVE', 'SIX SEVEN EIGHT NINE TEN ELEVEN TWELVE THIRTEEN FOURTEEN FIFTEEN']);
    expect(cues[1].lines).toEqual(['SIX SEVEN EIGHT NINE TEN ELEVEN', 'TWELVE THIRTEEN FOURTEEN FIFTEEN']);
  });

  it('end at three pauses rather than at two places between words spoken together', () => {
    // Four phrases of 44 characters: a cue holds one (two lines), never two, so ending cues at the
    // pauses takes three cue ends where two would do, both between words.
    const phrases = [
      'THE FIRST PART OF WHAT I WANTED TO SAY TO YE',
      'AND THEN A SECOND ONE THAT GOES ON AND ON OK',
      'AFTER WHICH A THIRD PART COMES ALONG TOO YES',
      'AND AT LAST THE FOURTH PART OF WHAT I SAID X',
    ];
    let at = 0;
    const words = phrases.flatMap((phrase) => {
      const timedPhrase = phrase.split(' ').map((text) => ({ text, start: at, end: (at += 0.25), confidence: 1 }));
      at += 0.7;
      return timedPhrase;
    });
    expect(phrases.every((p) => p.length === 44)).toBe(true);
    expect(captionCues(words).map((c) => c.lines.join(' '))).toEqual(phrases);
  });

  it('do not leave a word alone on screen for less than 0.83 s when it can join the next', () => {
    const cues = captionCues(timed('OK.@0-0.2 SO@0.3-0.5 WE@0.5-0.6 START@0.6-1'));
    expect(cues.map((c) => c.text)).toEqual(['OK. SO WE START']);
  });

  it('split speech that lasts longer than 7 s', () => {
    const words = Array.from({ length: 20 }, (_, i) => ({ text: `W${i}`, start: i, end: i + 0.9, confidence: 1 }));
    const cues = captionCues(words);
    expect(cues.length).toBeGreaterThan(2);
    for (const cue of cues) expect(cue.end - cue.start).toBeLessThanOrEqual(7);
  });

  it('show a word spoken for longer than 7 s for 7 s', () => {
    expect(captionCues(timed('HMMMM@2-12.5'))).toEqual([{ text: 'HMMMM', lines: ['HMMMM'], start: 2, end: 9 }]);
  });

  it('start late rather than overlap a cue that must show for 0.83 s before a paragraph break', () => {
    const words = timed('A@0-0.2 B@0.3-0.5').map((w, i) => (i === 1 ? { ...w, paragraph: 'split' as const } : w));
    expect(captionCues(words).map((c) => [c.text, c.start, c.end])).toEqual([
      ['A', 0, 0.83],
      ['B', 0.83, 1.66],
    ]);
  });

  it('do not overlap words whose timings overlap', () => {
    const words = [
      { text: 'ONE', start: 0, end: 2, confidence: 1 },
      { text: 'TWO.', start: 1, end: 1.5, confidence: 1, typedByUser: true },
      { text: 'THREE', start: 1.2, end: 3, confidence: 1 },
    ];
    expectCaptionRules(words, captionCues(words));
  });

  it('follow the display case', () => {
    expect(captionCues(timed("I'M@0-0.5 HERE@0.5-1"), { displayCase: 'sentence' })[0].text).toBe("I'm here");
  });

  it('keep every caption rule, for any words', () => {
    fc.assert(
      fc.property(wordStream({ maxLength: 120 }), (words) => expectCaptionRules(words, captionCues(words))),
      { numRuns: 300 },
    );
  });

  it('keep every caption rule for fast speech, long words and paragraph splits', () => {
    const dense = wordStream({ maxLength: 80 }).map((words) =>
      words.map((w, i) => ({ ...w, start: w.start / 4, end: w.end / 4, ...(i % 7 === 3 ? { paragraph: 'split' as const } : {}) })),
    );
    fc.assert(fc.property(dense, (words) => expectCaptionRules(words, captionCues(words))), { numRuns: 300 });
  });

  it('break at pauses and sentence ends before anywhere else: as few other breaks as any segmentation in time', () => {
    const letters = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), minLength: 1, maxLength: 12 });
    const small = wordStream({
      minLength: 1,
      maxLength: 15,
      text: fc.oneof(
        { weight: 6, arbitrary: letters },
        { weight: 1, arbitrary: letters.map((t) => `${t}.`) },
        { weight: 1, arbitrary: letters.map((t) => `${t},`) },
      ),
      gap: fc.oneof(
        { weight: 3, arbitrary: fc.constant(0) },
        { weight: 3, arbitrary: fc.double({ min: 0.01, max: 0.2, noNaN: true }) },
        { weight: 2, arbitrary: fc.double({ min: 0.5, max: 1.1, noNaN: true }) },
      ),
    });
    fc.assert(
      fc.property(small, (words) => {
        const tokens = captionTokens(words);
        const best = fewestUnnaturalBreaks(tokens);
        const cues = captionCues(words);
        const starts = cueTokenStarts(cues);
        const unnatural = starts.slice(1).filter((t) => !isNaturalBreak(tokens[t - 1].breakAfter)).length;
        if (best === null) return;
        starts.forEach((t, k) => expect(ms(cues[k].start)).toBe(tokens[t].startMs));
        expect(unnatural).toBe(best);
      }),
      { numRuns: 400 },
    );
  });
});

describe('caption tokens', () => {
  it('tell the breaks after each word apart', () => {
    const words = timed('A@0-0.1 B@0.1-0.2 C@0.8-0.9 D@0.9-1 E@3-3.1 F@3.1-3.2').map((w, i) =>
      i === 0 ? { ...w, text: 'A,' } : i === 3 ? { ...w, text: 'D?' } : w,
    );
    expect(captionTokens(words).map((t) => t.breakAfter)).toEqual(['clause', 'pause', 'space', 'paragraph', 'space', 'end']);
    const afterSentence = timed('A@0-0.1 B@0.1-0.2').map((w, i) => (i === 0 ? { ...w, text: 'A."' } : w));
    expect(captionTokens(afterSentence)[0].breakAfter).toBe('sentence');
  });

  it('cut a long word into pieces that share its time by length', () => {
    const tokens = captionTokens(timed(`${'Z'.repeat(50)}@1-2`));
    expect(tokens.map((t) => [t.length, t.startMs, t.endMs, t.breakAfter])).toEqual([
      [42, 1000, 1840, 'inWord'],
      [8, 1840, 2000, 'end'],
    ]);
  });
});
