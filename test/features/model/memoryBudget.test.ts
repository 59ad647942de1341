import { describe, expect, it } from 'vitest';
import { DEFAULT_STRIDE_SECONDS, DEFAULT_WINDOW_SECONDS, STRIDE_SECONDS_RANGE, WINDOW_SECONDS_RANGE } from '../../../src/engine/protocol.ts';
import { DEFAULT_SETTINGS } from '../../../src/jobs/jobStore.ts';
import {
  BUDGET_MODES,
  budgetOf,
  budgetWindows,
  DEFAULT_BUDGET,
  isMemoryBudget,
  MEMORY_BUDGETS,
  runtimeFor,
} from '../../../src/features/model/memoryBudget.ts';
import { MIB } from '../../support/bytes.ts';

describe('memory budgets', () => {
  it('makes Balanced the default: the app starts with its window and stride', () => {
    expect(DEFAULT_BUDGET).toBe('balanced');
    expect(budgetWindows('balanced')).toEqual({ windowSeconds: DEFAULT_WINDOW_SECONDS, strideSeconds: DEFAULT_STRIDE_SECONDS });
    expect(budgetOf(DEFAULT_SETTINGS)).toBe('balanced');
  });

  it('gives Low memory a shorter window than Balanced, under a lower limit', () => {
    expect(MEMORY_BUDGETS).toEqual(['balanced', 'low']);
    expect(BUDGET_MODES.low.windowSeconds).toBeLessThan(BUDGET_MODES.balanced.windowSeconds);
    expect(BUDGET_MODES.balanced.limitBytes).toBe(1024 * MIB);
    expect(BUDGET_MODES.low.limitBytes).toBe(700 * MIB);
  });

  it('starts the runtime as the budget says: Low memory on one thread, warmed up; a window set by hand as by default', () => {
    expect(runtimeFor(budgetWindows('balanced'))).toEqual({ warmUp: false, singleThread: false });
    expect(runtimeFor(budgetWindows('low'))).toEqual({ warmUp: true, singleThread: true });
    expect(runtimeFor({ ...budgetWindows('low'), windowSeconds: 7 })).toEqual({ warmUp: false, singleThread: false });
  });

  it('chooses only windows and strides the engine accepts', () => {
    for (const budget of MEMORY_BUDGETS) {
      const { windowSeconds, strideSeconds } = budgetWindows(budget);
      expect(windowSeconds).toBeGreaterThanOrEqual(WINDOW_SECONDS_RANGE.min);
      expect(windowSeconds).toBeLessThanOrEqual(WINDOW_SECONDS_RANGE.max);
      expect(strideSeconds).toBeGreaterThanOrEqual(STRIDE_SECONDS_RANGE.min);
      expect(strideSeconds).toBeLessThan(windowSeconds / 2);
    }
  });

  it('reads the budget back from a window and stride, and calls hand-set ones custom', () => {
    for (const budget of MEMORY_BUDGETS) expect(budgetOf(budgetWindows(budget))).toBe(budget);
    const low = budgetWindows('low');
    expect(budgetOf({ ...low, strideSeconds: low.strideSeconds + 0.5 })).toBe('custom');
    expect(budgetOf({ windowSeconds: 13, strideSeconds: 2 })).toBe('custom');
  });

  it('recognises budget names only', () => {
    expect(isMemoryBudget('low')).toBe(true);
    expect(isMemoryBudget('custom')).toBe(false);
    expect(isMemoryBudget('toString')).toBe(false);
    expect(isMemoryBudget(null)).toBe(false);
  });
});
