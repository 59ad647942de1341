import { DEFAULT_STRIDE_SECONDS, DEFAULT_WINDOW_SECONDS } from '../../engine/protocol.ts';

/**
 * The memory budget: how much the browser should take for a job with a wav2vec2-base-sized model
 * (q8, WASM), as a window and stride. The window sets the size of every activation the model
 * computes, so it is what a budget chooses; the stride follows it. bench/memoryBudget.ts measures
 * each mode against its limit.
 */
export type MemoryBudget = 'balanced' | 'low';

/** What the settings show when the window and stride match no budget: they were set by hand. */
export type BudgetChoice = MemoryBudget | 'custom';

export interface WindowChoice {
  readonly windowSeconds: number;
  readonly strideSeconds: number;
}

export interface BudgetMode extends WindowChoice {
  readonly label: string;
  /** The summed proportional set size of the browser's processes the mode aims to stay under. */
  readonly limitBytes: number;
}

const MIB = 1024 * 1024;

/** The modes in the order the settings list them; Balanced is the app's default window and stride. */
export const BUDGET_MODES: Readonly<Record<MemoryBudget, BudgetMode>> = {
  balanced: { label: 'Balanced', windowSeconds: DEFAULT_WINDOW_SECONDS, strideSeconds: DEFAULT_STRIDE_SECONDS, limitBytes: 1024 * MIB },
  low: { label: 'Low memory', windowSeconds: 8, strideSeconds: 1, limitBytes: 700 * MIB },
};

export const MEMORY_BUDGETS = Object.keys(BUDGET_MODES) as MemoryBudget[];

export const DEFAULT_BUDGET: MemoryBudget = 'balanced';

export function isMemoryBudget(value: unknown): value is MemoryBudget {
  return typeof value === 'string' && Object.hasOwn(BUDGET_MODES, value);
}

/** The window and stride a budget runs with. */
export function budgetWindows(budget: MemoryBudget): WindowChoice {
  const { windowSeconds, strideSeconds } = BUDGET_MODES[budget];
  return { windowSeconds, strideSeconds };
}

/**
 * The budget a window and stride belong to: the one whose settings they are, or 'custom' when they
 * were set by hand. The settings and a saved job keep only the window and stride, so the budget is
 * always read back from them and the two can never disagree.
 */
export function budgetOf(windows: WindowChoice): BudgetChoice {
  return (
    MEMORY_BUDGETS.find((budget) => {
      const mode = BUDGET_MODES[budget];
      return mode.windowSeconds === windows.windowSeconds && mode.strideSeconds === windows.strideSeconds;
    }) ?? 'custom'
  );
}
