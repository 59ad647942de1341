import { describe, expect, it } from 'vitest';
import { describeModelLoadError, describeTranscriptionError } from '../../src/jobs/describeError.ts';

describe('error messages', () => {
  it('names the model and what to do', () => {
    expect(describeModelLoadError('a/b', new Error('Failed to fetch'), true)).toMatch(/"a\/b".*network.*cached/);
    expect(describeModelLoadError('a/b', new Error('boom'), false)).toMatch(/network is unreachable.*needs one online visit.*MODELS_DIR/);
    expect(describeModelLoadError('/models/x', new Error('Could not locate file: "/models/x/config.json"'), true)).toMatch(/not found/);
    expect(describeModelLoadError('a/b', new RangeError('Array buffer allocation failed'), true)).toMatch(/out of memory/);
    expect(describeModelLoadError('a/b', new Error('weird'), true)).toBe('Could not load the model "a/b": weird');
  });

  it('keeps the text when a transcription fails', () => {
    expect(describeTranscriptionError('talk.mp3', new Error('bad'))).toBe('Transcribing "talk.mp3" failed: bad. The text so far is kept.');
  });
});
