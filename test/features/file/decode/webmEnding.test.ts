import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ebmlSize, readWebmEnding, WEBM_TAIL_BYTES } from '../../../../src/features/file/decode/webmEnding.ts';
import { TONES } from '../../../support/sharedFixtures.ts';

const webm = new Uint8Array(readFileSync(path.join(TONES, 'formats/paragraph.webm')));

function endingOf(bytes: Uint8Array) {
  const tailStart = Math.max(0, bytes.length - WEBM_TAIL_BYTES);
  return readWebmEnding(bytes.subarray(tailStart), tailStart, bytes.length);
}

/** Where each cluster starts (FFmpeg writes one every 5 s; the ID occurs nowhere else in the fixture). */
const clusters = (() => {
  const starts: number[] = [];
  for (let at = Buffer.from(webm).indexOf('1f43b675', 0, 'hex'); at !== -1; at = Buffer.from(webm).indexOf('1f43b675', at + 1, 'hex')) starts.push(at);
  return starts;
})();

/** The SimpleBlocks of the cluster at `start`, by where each ends. */
function blockEnds(start: number, end: number): number[] {
  const ends: number[] = [];
  const bytes = Buffer.from(webm);
  for (let at = bytes.indexOf(0xa3, start); at !== -1 && at < end; at = bytes.indexOf(0xa3, at + 1)) {
    const size = bytes[at + 1] & 0x7f; // the fixture's blocks are under 127 bytes
    if (bytes[at + 1] & 0x80 && at + 2 + size <= end) ends.push(at + 2 + size);
  }
  return ends;
}

describe('readWebmEnding', () => {
  it('finds nothing to mend in a complete file, or a file cut between clusters', () => {
    expect(clusters.length).toBeGreaterThan(3);
    expect(endingOf(webm)).toBeNull();
    expect(endingOf(webm.subarray(0, clusters[3]))).toBeNull();
  });

  it('finds the last whole block of a file cut inside its last cluster', () => {
    for (const fraction of [0.3, 0.6, 0.9]) {
      const cut = Math.floor(webm.length * fraction);
      const cluster = clusters.filter((start) => start < cut).at(-1)!;
      const ending = endingOf(webm.subarray(0, cut))!;
      expect(ending.sizeOffset).toBe(cluster + 4);
      expect(ending.sizeWidth).toBe(3);
      expect(ending.wholeBytes).toBeLessThanOrEqual(cut);
      expect(blockEnds(cluster, cut)).toContain(ending.wholeBytes);
      expect(cut - ending.wholeBytes).toBeLessThan(200);
    }
  });

  it('measures a last cluster of unknown size, as recorders write it', () => {
    const live = webm.slice();
    const last = clusters.at(-1)!;
    live.set([0x3f, 0xff, 0xff], last + 4);
    // Whole, it ends where the cues begin: nothing to mend.
    expect(endingOf(live)).toBeNull();
    const cut = Math.floor((last + webm.length) / 2);
    const ending = endingOf(live.subarray(0, cut))!;
    expect(ending.sizeOffset).toBe(last + 4);
    expect(blockEnds(last, cut)).toContain(ending.wholeBytes);
  });

  it('finds nothing in bytes that are no WebM', () => {
    expect(readWebmEnding(new Uint8Array(5000), 0, 5000)).toBeNull();
  });
});

describe('ebmlSize', () => {
  it('writes sizes with the length marker of their width', () => {
    expect([...ebmlSize(19_391, 3)]).toEqual([0x20, 0x4b, 0xbf]);
    expect([...ebmlSize(5, 1)]).toEqual([0x85]);
    expect([...ebmlSize(300, 8)]).toEqual([0x01, 0, 0, 0, 0, 0, 0x01, 0x2c]);
  });
});
