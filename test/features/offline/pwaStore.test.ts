import { describe, expect, it } from 'vitest';
import { offlineSupportText } from '../../../src/features/offline/pwaStore.ts';

describe('offline words', () => {
  it('says whether the app works offline, and why not', () => {
    expect(offlineSupportText('ready', null)).toMatch(/ready.*without a network/);
    expect(offlineSupportText('dev-server', null)).toMatch(/dev server/);
    expect(offlineSupportText('failed', 'SecurityError')).toMatch(/could not be installed \(SecurityError\)/);
  });
});
