import { describe, expect, it } from 'vitest';
import { AudioInputError } from '../../../../src/features/file/decode/audioInputError.ts';
import {
  describeWholeFileWarning,
  MAX_WHOLE_FILE_BYTES,
  MAX_WHOLE_FILE_SECONDS,
  openWholeFile,
} from '../../../../src/features/file/decode/wholeFileAudioStream.ts';

const options = {
  durationSeconds: null,
  onDecodeFailure: { code: 'unsupported' as const, details: {} },
  reason: 'this browser cannot decode its audio (alac) in pieces',
};

async function rejection(promise: Promise<unknown>): Promise<AudioInputError> {
  const error: unknown = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof AudioInputError)) throw new Error(`expected an AudioInputError, got ${String(error)}`);
  return error;
}

// The limits are checked before anything is read or decoded, so Node can test them.
describe('openWholeFile limits', () => {
  it('refuses a file over the size limit without reading it', async () => {
    const mebibyte = new Blob([new Uint8Array(2 ** 20)]); // referenced, not copied, by the parts below
    const file = new File(Array<Blob>(MAX_WHOLE_FILE_BYTES / 2 ** 20 + 1).fill(mebibyte), 'huge.caf');
    const error = await rejection(openWholeFile(file, options));
    expect(error.code).toBe('too-large');
    expect(error.message).toContain('"huge.caf" is too large (over 512 MiB)');
  });

  it('refuses audio longer than the length limit, however small the file', async () => {
    const file = new File([new Uint8Array(1000)], 'long.m4a');
    const error = await rejection(openWholeFile(file, { ...options, durationSeconds: MAX_WHOLE_FILE_SECONDS + 1 }));
    expect(error.code).toBe('too-large');
    expect(error.message).toContain('(longer than 2 hours)');
  });

  it('warns that memory grows with the length, and why', () => {
    expect(describeWholeFileWarning('talk.m4a', options.reason)).toBe(
      '"talk.m4a" is decoded in one piece because this browser cannot decode its audio (alac) in pieces, ' +
        'so memory use grows with its length (about 64 kB per second of audio and channel). ' +
        'For long recordings, use a current Chrome, Edge or Firefox, or convert the file to Opus, MP3 or M4A.',
    );
  });
});
