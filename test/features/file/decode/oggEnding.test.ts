import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OGG_TAIL_BYTES, readOggEnding } from '../../../../src/features/file/decode/oggEnding.ts';
import { TONES } from '../../../support/sharedFixtures.ts';

const FORMATS = path.join(TONES, 'formats');

function endingOf(bytes: Uint8Array) {
  const tailStart = Math.max(0, bytes.length - OGG_TAIL_BYTES);
  return readOggEnding(bytes.subarray(tailStart), tailStart);
}

/** Where each page starts, found by the capture pattern (the fixtures hold it nowhere else). */
function pageStarts(bytes: Uint8Array): number[] {
  const starts: number[] = [];
  for (let at = Buffer.from(bytes).indexOf('OggS'); at !== -1; at = Buffer.from(bytes).indexOf('OggS', at + 1)) starts.push(at);
  return starts;
}

describe('readOggEnding', () => {
  it.each(['paragraph.opus', 'paragraph.ogg'])('sees that %s ends with a whole end-of-stream page', (name) => {
    const bytes = new Uint8Array(readFileSync(path.join(FORMATS, name)));
    expect(endingOf(bytes)).toEqual({ wholePagesBytes: bytes.length, endOfStream: true });
  });

  it.each(['paragraph.opus', 'paragraph.ogg'])('finds the last whole page of %s cut inside a page, at every tenth', (name) => {
    const bytes = new Uint8Array(readFileSync(path.join(FORMATS, name)));
    const starts = pageStarts(bytes);
    for (let tenth = 1; tenth < 10; tenth++) {
      const cut = Math.floor((bytes.length * tenth) / 10);
      const cutPage = starts.filter((start) => start < cut).at(-1)!;
      expect(endingOf(bytes.subarray(0, cut))).toEqual({ wholePagesBytes: cutPage, endOfStream: false });
    }
  });

  it('sees a cut between pages as whole pages without the end of stream', () => {
    const bytes = new Uint8Array(readFileSync(path.join(FORMATS, 'paragraph.opus')));
    const lastPage = pageStarts(bytes).at(-1)!;
    expect(endingOf(bytes.subarray(0, lastPage))).toEqual({ wholePagesBytes: lastPage, endOfStream: false });
  });

  it('passes over a page whose checksum fails', () => {
    const bytes = new Uint8Array(readFileSync(path.join(FORMATS, 'paragraph.opus')));
    const [before, last] = pageStarts(bytes).slice(-2);
    const damaged = bytes.slice();
    damaged[last + 40] ^= 0xff;
    expect(endingOf(damaged)).toEqual({ wholePagesBytes: last, endOfStream: false });
    expect(before).toBeLessThan(last);
  });

  it('finds nothing in data that is not Ogg', () => {
    expect(readOggEnding(new Uint8Array(1000), 0)).toBeNull();
    expect(readOggEnding(new TextEncoder().encode('OggS but not a page'), 0)).toBeNull();
  });
});
