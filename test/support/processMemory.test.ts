import { describe, expect, it } from 'vitest';
import { parseSmaps } from './processMemory.ts';

// Two mappings as the kernel writes them (fields trimmed to the ones read, plus one that is not).
const SMAPS = `55d0c0a00000-55d0ce000000 r-xp 00000000 08:01 1234                       /usr/lib/chromium/chromium
Size:             219136 kB
Rss:               40000 kB
Pss:               30000 kB
Anonymous:             0 kB
7f0000000000-7f000ce00000 rw-p 00000000 00:00 0 
Size:             210944 kB
Rss:              197632 kB
Pss:              197632 kB
Pss_Dirty:             8 kB
Anonymous:        197632 kB
7ffd1000-7ffd2000 rw-p 00000000 00:00 0                                  [stack]
Size:                132 kB
Pss:                  24 kB
Anonymous:            24 kB
`;

describe('parseSmaps', () => {
  it('reads each mapping with its name, size, PSS and anonymous bytes', () => {
    expect(parseSmaps(SMAPS)).toEqual([
      { name: '/usr/lib/chromium/chromium', size: 219136 * 1024, pss: 30000 * 1024, anonymous: 0 },
      { name: '', size: 210944 * 1024, pss: 197632 * 1024, anonymous: 197632 * 1024 },
      { name: '[stack]', size: 132 * 1024, pss: 24 * 1024, anonymous: 24 * 1024 },
    ]);
  });

  it('does not take Pss_Dirty or other Pss_ fields for the PSS', () => {
    expect(parseSmaps(SMAPS)[1].pss).toBe(197632 * 1024);
  });

  it('reads nothing from an empty text', () => {
    expect(parseSmaps('')).toEqual([]);
  });
});
