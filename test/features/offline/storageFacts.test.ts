import { describe, expect, it } from 'vitest';
import { persistenceText } from '../../../src/features/offline/storageFacts.ts';

describe('storage words', () => {
  it('says what persistence means for cached models', () => {
    expect(persistenceText('granted')).toMatch(/granted.*keeps cached models/);
    expect(persistenceText('not-granted')).toMatch(/not granted.*evict/);
    expect(persistenceText('unsupported')).toMatch(/evict/);
  });
});
