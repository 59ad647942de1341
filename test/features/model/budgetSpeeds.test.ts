import { describe, expect, it } from 'vitest';
import { engineKey, measuredSpeed, MIN_TIMED_AUDIO_SECONDS, speedText, withSpeed, type FinishedRun } from '../../../src/features/model/budgetSpeeds.ts';

const run = (patch: Partial<FinishedRun> = {}): FinishedRun => ({
  kind: 'file',
  resumed: false,
  outcome: 'done',
  audioSeconds: 180,
  elapsedSeconds: 90,
  ...patch,
});

describe('budget speeds', () => {
  it('measures the real-time factor of a whole file', () => {
    expect(measuredSpeed(run(), 1234)).toEqual({ realTimeFactor: 0.5, audioSeconds: 180, measuredAt: 1234 });
  });

  it('measures nothing from recordings, resumed, cancelled or failed jobs, or short files', () => {
    expect(measuredSpeed(run({ kind: 'live' }), 0)).toBeNull();
    expect(measuredSpeed(run({ resumed: true }), 0)).toBeNull();
    expect(measuredSpeed(run({ outcome: 'cancelled' }), 0)).toBeNull();
    expect(measuredSpeed(run({ outcome: 'error' }), 0)).toBeNull();
    expect(measuredSpeed(run({ audioSeconds: MIN_TIMED_AUDIO_SECONDS - 1 }), 0)).toBeNull();
    expect(measuredSpeed(run({ audioSeconds: MIN_TIMED_AUDIO_SECONDS }), 0)).not.toBeNull();
    expect(measuredSpeed(run({ elapsedSeconds: 0 }), 0)).toBeNull();
  });

  it('keeps the last speed of each budget per engine', () => {
    const a = engineKey({ model: 'm', backend: 'wasm', dtype: 'q8' });
    const b = engineKey({ model: 'm', backend: 'webgpu', dtype: 'fp32' });
    expect(a).not.toBe(b);
    const first = { realTimeFactor: 0.5, audioSeconds: 60, measuredAt: 1 };
    const second = { realTimeFactor: 0.4, audioSeconds: 60, measuredAt: 2 };
    let speeds = withSpeed({}, a, 'balanced', first);
    speeds = withSpeed(speeds, a, 'low', second);
    speeds = withSpeed(speeds, b, 'balanced', second);
    expect(speeds).toEqual({ [a]: { balanced: first, low: second }, [b]: { balanced: second } });
    expect(withSpeed(speeds, a, 'balanced', second)[a]).toEqual({ balanced: second, low: second });
  });

  it('says the speed in words, or that it is not measured yet', () => {
    expect(speedText(undefined)).toBe('speed here: not measured yet');
    expect(speedText({ realTimeFactor: 0.5, audioSeconds: 180, measuredAt: 0 })).toBe(
      'speed here: 2.00× real time (real-time factor 0.50, last 3.0 min file)',
    );
    expect(speedText({ realTimeFactor: 0.02, audioSeconds: 30, measuredAt: 0 })).toBe(
      'speed here: 50× real time (real-time factor 0.02, last 30 s file)',
    );
  });
});
