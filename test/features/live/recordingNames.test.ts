import { describe, expect, it } from 'vitest';
import { recordingFileName, recordingTitle } from '../../../src/features/live/recordingNames.ts';

describe('recording names', () => {
  it('titles the job with the start time and names the file without colons', () => {
    const at = new Date(2026, 10, 25, 9, 3, 7);
    expect(recordingTitle(at)).toBe('Microphone recording 09:03');
    expect(recordingFileName(at)).toBe('recording-2026-11-25-090307.wav');
  });
});
