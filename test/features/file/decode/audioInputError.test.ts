import { describe, expect, it } from 'vitest';
import {
  AudioInputError,
  describeAudioInputError,
  type AudioInputErrorCode,
} from '../../../../src/features/file/decode/audioInputError.ts';

const CODES: AudioInputErrorCode[] = ['empty', 'not-audio', 'truncated', 'unsupported', 'corrupt', 'too-large'];

describe('describeAudioInputError', () => {
  it('explains random data the way the product wants it said', () => {
    expect(describeAudioInputError('not-audio', 'broken.ogg', { notAudioReason: 'random-data' })).toBe(
      '"broken.ogg" is not an audio or video file the app can read (it looks like random data). ' +
        'Try a WAV, MP3, M4A, Ogg, Opus, FLAC or WebM file.',
    );
  });

  it.each(CODES)('names the file and says what to try for %s', (code) => {
    const message = describeAudioInputError(code, 'talk.m4a');
    expect(message).toContain('"talk.m4a"');
    expect(message).toMatch(/\b(Try|Choose|Convert)\b/);
    expect(message).not.toMatch(/undefined|null|\(\)/);
  });

  it('gives each code its own message', () => {
    expect(new Set(CODES.map((code) => describeAudioInputError(code, 'a.wav'))).size).toBe(CODES.length);
  });

  it('adds the specific facts it is given', () => {
    expect(describeAudioInputError('not-audio', 'notes.wav', { notAudioReason: 'text' })).toContain('(it contains text)');
    expect(describeAudioInputError('not-audio', 'clip.mp4', { notAudioReason: 'no-audio-track' })).toContain(
      '(it has no sound track)',
    );
    expect(describeAudioInputError('unsupported', 'film.mkv', { codec: 'eac3' })).toContain('(eac3)');
    expect(describeAudioInputError('too-large', 'long.wav', { limitBytes: 512 * 2 ** 20 })).toContain('(over 512 MiB)');
    expect(describeAudioInputError('too-large', 'long.aac', { limitSeconds: 7200 })).toContain('(longer than 2 hours)');
  });

  it('says what is left of a cut or damaged file', () => {
    expect(describeAudioInputError('truncated', 'cut.mp3')).toMatch(/ends early.*Only the part before the cut can be read/);
    expect(describeAudioInputError('corrupt', 'bad.ogg')).toMatch(/damaged.*before the damage is kept/);
  });
});

describe('AudioInputError', () => {
  it('carries its code, the file name and the message', () => {
    const cause = new Error('EncodingError');
    const error = new AudioInputError('unsupported', 'x.caf', { codec: 'alac' }, { cause });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('AudioInputError');
    expect(error.code).toBe('unsupported');
    expect(error.fileName).toBe('x.caf');
    expect(error.message).toBe(describeAudioInputError('unsupported', 'x.caf', { codec: 'alac' }));
    expect(error.cause).toBe(cause);
  });
});
