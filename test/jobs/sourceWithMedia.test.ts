import { beforeEach, describe, expect, it } from 'vitest';
import type { JobSource } from '../../src/jobs/jobSource.ts';
import { jobActions, useJobStore } from '../../src/jobs/jobStore.ts';
import { runJob } from '../../src/jobs/runJob.ts';
import { sourceWithMedia } from '../../src/jobs/sourceWithMedia.ts';
import { SAMPLE_RATE } from '../../src/shared/audioFormat.ts';
import { UserFacingError } from '../../src/shared/errorText.ts';
import { FakeEngine } from '../support/fakeEngine.ts';

const media = { url: 'blob:clip', kind: 'audio' } as const;

function source(open: JobSource['open']): JobSource {
  return {
    kind: 'file',
    name: 'clip.wav',
    file: null,
    runningMessage: () => 'Transcribing',
    open,
    async *feed() {
      yield new Float32Array(SAMPLE_RATE);
    },
    recycle: () => {},
    close: async () => null,
  };
}

beforeEach(() => jobActions.reset());

describe('sourceWithMedia', () => {
  it('gives the job its media once the source has opened, and runs the source unchanged', async () => {
    let mediaWhenOpened: unknown = 'not opened';
    const wrapped = sourceWithMedia(
      source(async () => {
        mediaWhenOpened = useJobStore.getState().job?.media;
        return { durationSeconds: 1, warning: null };
      }),
      media,
    );
    await runJob(wrapped, new FakeEngine(), new AbortController().signal);
    expect(mediaWhenOpened).toBeNull();
    expect(useJobStore.getState().job).toMatchObject({ source: 'clip.wav', outcome: 'done', media, words: [{ text: 'W1' }] });
  });

  it('gives a file that cannot be opened nothing to play', async () => {
    const wrapped = sourceWithMedia(
      source(async () => {
        throw new UserFacingError('"clip.wav" is not audio.');
      }),
      media,
    );
    await runJob(wrapped, new FakeEngine(), new AbortController().signal);
    expect(useJobStore.getState().job).toMatchObject({ outcome: 'error', media: null });
  });
});
