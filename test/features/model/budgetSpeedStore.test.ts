import { afterEach, describe, expect, it } from 'vitest';
import { emitJobEvent } from '../../../src/jobs/jobEvents.ts';
import { DEFAULT_SETTINGS, jobActions, type Settings } from '../../../src/jobs/jobStore.ts';
import { recordBudgetSpeeds, useBudgetSpeeds } from '../../../src/features/model/budgetSpeedStore.ts';
import { engineKey } from '../../../src/features/model/budgetSpeeds.ts';
import { budgetWindows } from '../../../src/features/model/memoryBudget.ts';

const engine = { model: '/models/base-bench', backend: 'wasm', threads: 2, reason: '', dtype: 'q8', attentionMask: 'none', warmUp: null } as const;
const key = engineKey(engine);

function runFile(clock: { t: number }, id: number, settings: Settings, seconds: { audio: number; wall: number }, resumes: string | null = null) {
  emitJobEvent({ type: 'began', id, kind: 'file', name: 'a.opus', file: null, settings, resumes });
  clock.t += seconds.wall * 1000;
  emitJobEvent({ type: 'ended', id, outcome: 'done', message: '', durationSeconds: seconds.audio, resumable: false });
}

describe('recordBudgetSpeeds', () => {
  let stop = () => {};
  afterEach(() => {
    stop();
    jobActions.reset();
    useBudgetSpeeds.setState({ speeds: {} });
  });

  it("keeps each whole file's speed under the budget its window and stride belong to, for the loaded engine", () => {
    const clock = { t: 0 };
    stop = recordBudgetSpeeds(() => clock.t);
    jobActions.modelLoaded(engine);
    const settings = { model: engine.model, ...DEFAULT_SETTINGS };
    runFile(clock, 1, { ...settings, ...budgetWindows('low') }, { audio: 120, wall: 60 });
    runFile(clock, 2, settings, { audio: 60, wall: 40 });
    const speeds = useBudgetSpeeds.getState().speeds[key];
    expect(speeds?.low?.realTimeFactor).toBe(0.5);
    expect(speeds?.balanced?.realTimeFactor).toBeCloseTo(40 / 60);
  });

  it('keeps nothing for hand-set windows or resumed jobs', () => {
    const clock = { t: 0 };
    stop = recordBudgetSpeeds(() => clock.t);
    jobActions.modelLoaded(engine);
    const settings = { model: engine.model, ...DEFAULT_SETTINGS };
    runFile(clock, 3, { ...settings, windowSeconds: 13 }, { audio: 120, wall: 60 });
    runFile(clock, 4, settings, { audio: 120, wall: 60 }, 'saved-job');
    expect(useBudgetSpeeds.getState().speeds).toEqual({});
  });
});
