import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OGG_TAIL_BYTES, oggEndsWithEndOfStream } from '../../../../src/features/file/decode/oggEnding.ts';
import { TONES } from '../../../support/sharedFixtures.ts';

const FORMATS = path.join(TONES, 'formats');
const tail = (bytes: Uint8Array) => bytes.subarray(Math.max(0, bytes.length - OGG_TAIL_BYTES));

describe('oggEndsWithEndOfStream', () => {
  it.each(['paragraph.opus', 'paragraph.ogg'])('sees that %s is complete', (name) => {
    expect(oggEndsWithEndOfStream(tail(new Uint8Array(readFileSync(path.join(FORMATS, name)))))).toBe(true);
  });

  it('sees a cut inside a page, and a cut between pages', () => {
    const bytes = new Uint8Array(readFileSync(path.join(FORMATS, 'paragraph.opus')));
    expect(oggEndsWithEndOfStream(tail(bytes.subarray(0, 50_000)))).toBe(false);

    const lastPage = Buffer.from(bytes).lastIndexOf('OggS');
    expect(oggEndsWithEndOfStream(tail(bytes.subarray(0, lastPage)))).toBe(false);
  });

  it('finds nothing to go by in data that is not Ogg', () => {
    expect(oggEndsWithEndOfStream(new Uint8Array(1000))).toBe(false);
  });
});
