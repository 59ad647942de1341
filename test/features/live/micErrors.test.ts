import { describe, expect, it } from 'vitest';
import { describeMicrophoneError, microphoneSupportProblem } from '../../../src/features/live/micErrors.ts';

describe('microphone errors', () => {
  const domError = (name: string, message = '') => Object.assign(new Error(message), { name });

  it('says what to do when permission is denied', () => {
    const message = describeMicrophoneError(domError('NotAllowedError', 'Permission denied'));
    expect(message).toMatch(/denied/);
    expect(message).toMatch(/address bar/);
    expect(message).toMatch(/press Record again/);
  });

  it('points at the system settings when the operating system denies it', () => {
    expect(describeMicrophoneError(domError('NotAllowedError', 'Permission denied by system'))).toMatch(/operating system/);
  });

  it('says no microphone was found when there is no device', () => {
    expect(describeMicrophoneError(domError('NotFoundError', 'Requested device not found'))).toMatch(/No microphone was found/);
    expect(describeMicrophoneError(domError('OverconstrainedError'))).toMatch(/No microphone was found/);
  });

  it('says the device is busy when it cannot be read', () => {
    expect(describeMicrophoneError(domError('NotReadableError', 'Could not start audio source'))).toMatch(/another app/);
  });

  it('keeps the detail of anything else', () => {
    expect(describeMicrophoneError(new TypeError('boom'))).toMatch(/\(boom\)/);
    expect(describeMicrophoneError('odd')).toMatch(/\(odd\)/);
  });

  it('explains an insecure page or a browser without the needed APIs', () => {
    expect(microphoneSupportProblem({ secureContext: false, getUserMedia: false, audioWorklet: true })).toMatch(/https/);
    expect(microphoneSupportProblem({ secureContext: true, getUserMedia: true, audioWorklet: false })).toMatch(/cannot record/);
    expect(microphoneSupportProblem({ secureContext: true, getUserMedia: true, audioWorklet: true })).toBeNull();
  });
});
