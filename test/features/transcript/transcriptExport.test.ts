import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import webvtt, { type CueNode } from 'webvtt-parser';
import { parseSync, type NodeCue } from 'subtitle';
import { captionCues } from '../../../src/features/transcript/captionCues.ts';
import { plainText, toJson, toSrt, toWebVtt } from '../../../src/features/transcript/transcriptExport.ts';
import { timed, wordStream } from '../../support/wordStreams.ts';

// The full entity table: the parser's spec-compliant mode, which decodes &amp; and the rest exactly.
const entities = createRequire(import.meta.url)('webvtt-parser/html-entities.json') as Record<string, string>;
const vtt = new webvtt.WebVTTParser(entities);

const treeText = (node: CueNode): string => (node.type === 'text' ? (node.value ?? '') : (node.children ?? []).map(treeText).join(''));
const srtCues = (srt: string) => parseSync(srt).filter((node): node is NodeCue => node.type === 'cue').map((node) => node.data);

const words = timed('HELLO@0.2-0.7 WORLD@0.8-1.25 AGAIN@7.5-8');
const sentence = { displayCase: 'sentence' } as const;
const longWord = 'W'.repeat(60);

describe('plain text', () => {
  it('keeps the paragraphs, a blank line between them', () => {
    expect(plainText(words)).toBe('HELLO WORLD\n\nAGAIN');
    expect(plainText(words, { paragraphGapSeconds: 10 })).toBe('HELLO WORLD AGAIN');
  });

  it('follows the display case and the edits', () => {
    const edited = [...words.slice(0, 2), { ...words[2], text: 'Paris', edited: true, typedByUser: true }];
    expect(plainText(edited, sentence)).toBe('Hello world\n\nParis');
  });

  it('is empty for no words, and keeps a word longer than a line whole', () => {
    expect(plainText([])).toBe('');
    expect(plainText(timed(`A@0-1 ${longWord}@1-3`))).toBe(`A ${longWord}`);
  });
});

describe('SRT', () => {
  it('numbers the caption cues, with comma timestamps', () => {
    expect(toSrt(words)).toBe('1\n00:00:00,200 --> 00:00:01,250\nHELLO WORLD\n\n2\n00:00:07,500 --> 00:00:08,330\nAGAIN\n');
    expect(toSrt(words, sentence)).toContain('Hello world');
  });

  it('is an empty file for no words', () => {
    expect(toSrt([])).toBe('');
    expect(srtCues(toSrt([]))).toEqual([]);
  });

  it('cuts a 60-character word over two lines', () => {
    expect(srtCues(toSrt(timed(`${longWord}@1-4`)))).toEqual([{ start: 1000, end: 4589, text: `${'W'.repeat(42)}\n${'W'.repeat(18)}` }]);
  });

  it('reads back with the timings and text of every cue', () => {
    fc.assert(
      fc.property(wordStream({ maxLength: 80 }), fc.constantFrom('asTranscribed', 'sentence' as const), (stream, displayCase) => {
        const options = { displayCase };
        const cues = captionCues(stream, options);
        const expected = cues.map((cue) => ({ start: Math.round(cue.start * 1000), end: Math.round(cue.end * 1000), text: cue.text }));
        expect(srtCues(toSrt(stream, options))).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});

describe('WebVTT', () => {
  it('writes the header and the caption cues, with dot timestamps', () => {
    expect(toWebVtt(words)).toBe('WEBVTT\n\n00:00:00.200 --> 00:00:01.250\nHELLO WORLD\n\n00:00:07.500 --> 00:00:08.330\nAGAIN\n');
  });

  it('is just the header for no words, which validates', () => {
    expect(toWebVtt([])).toBe('WEBVTT\n');
    expect(vtt.parse(toWebVtt([]))).toMatchObject({ cues: [], errors: [] });
  });

  it('escapes what would be markup', () => {
    const markup = timed('A@0-0.5 B@0.5-1 C@1-1.5').map((w, i) => ({ ...w, text: ['<b>', 'R&D', '-->'][i] }));
    const file = toWebVtt(markup);
    expect(file).toContain('&lt;b&gt; R&amp;D --&gt;');
    const { cues, errors } = vtt.parse(file);
    expect(errors).toEqual([]);
    expect(treeText(cues[0].tree)).toBe('<b> R&D -->');
  });

  it('cuts a 60-character word over two lines', () => {
    const { cues, errors } = vtt.parse(toWebVtt(timed(`${longWord}@1-4`)));
    expect(errors).toEqual([]);
    expect(cues.map((c) => [c.startTime, c.endTime, c.text])).toEqual([[1, 4.589, `${'W'.repeat(42)}\n${'W'.repeat(18)}`]]);
  });

  it('passes the strict validator, with the timings and text of every cue', () => {
    fc.assert(
      fc.property(wordStream({ maxLength: 80 }), fc.constantFrom('asTranscribed', 'sentence' as const), (stream, displayCase) => {
        const options = { displayCase };
        const expected = captionCues(stream, options);
        const { cues, errors } = vtt.parse(toWebVtt(stream, options));
        expect(errors).toEqual([]);
        expect(cues.map((c) => ({ start: Math.round(c.startTime * 1000), end: Math.round(c.endTime * 1000), text: treeText(c.tree) }))).toEqual(
          expected.map((cue) => ({ start: Math.round(cue.start * 1000), end: Math.round(cue.end * 1000), text: cue.text })),
        );
      }),
      { numRuns: 200 },
    );
  });
});

describe('JSON', () => {
  it('carries the text and every word with its timing, confidence and edited flag', () => {
    const edited = [words[0], { ...words[1], text: 'there', confidence: 1, edited: true, typedByUser: true }, words[2]];
    expect(JSON.parse(toJson(edited, sentence))).toEqual({
      text: 'Hello there\n\nAgain',
      words: [
        { text: 'Hello', start: 0.2, end: 0.7, confidence: 0.9, edited: false },
        { text: 'there', start: 0.8, end: 1.25, confidence: 1, edited: true },
        { text: 'Again', start: 7.5, end: 8, confidence: 0.9, edited: false },
      ],
    });
  });

  it('reads model words without edit flags as not edited', () => {
    const model = [{ text: 'HI', start: 0, end: 0.5, confidence: 0.4 }];
    expect(JSON.parse(toJson(model)).words).toEqual([{ text: 'HI', start: 0, end: 0.5, confidence: 0.4, edited: false }]);
  });

  it('is empty text and no words for no words, and keeps a long word whole', () => {
    expect(JSON.parse(toJson([]))).toEqual({ text: '', words: [] });
    expect(JSON.parse(toJson(timed(`${longWord}@1-3`))).words[0].text).toBe(longWord);
  });
});
