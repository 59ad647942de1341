import { describe, expect, it } from 'vitest';
import { chartGeometry, niceCeilingBytes } from '../../../src/features/memory/chartGeometry.ts';
import { MIB } from '../../support/bytes.ts';

describe('chart geometry', () => {
  it('rounds the axis up to 1, 2 or 5 × 10ⁿ MiB', () => {
    expect(niceCeilingBytes(0)).toBe(MIB);
    expect(niceCeilingBytes(3 * MIB)).toBe(5 * MIB);
    expect(niceCeilingBytes(130 * MIB)).toBe(200 * MIB);
    expect(niceCeilingBytes(1000 * MIB)).toBe(1000 * MIB);
  });

  it('lays out points, the peak and the job markers', () => {
    const geometry = chartGeometry(
      [
        { t: 1000, bytes: 0 },
        { t: 2000, bytes: 100 * MIB },
        { t: 3000, bytes: 50 * MIB },
      ],
      [
        { t: 500, edge: 'start' },
        { t: 1500, edge: 'start' },
        { t: 3000, edge: 'end' },
      ],
      200,
      50,
    )!;
    expect(geometry.line).toBe('0,50 100,0 200,25');
    expect(geometry.peakY).toBe(0);
    expect(geometry.markers).toEqual([
      { x: 50, edge: 'start' },
      { x: 200, edge: 'end' },
    ]);
    expect(chartGeometry([], [], 10, 10)).toBeNull();
  });
});
