import { DEFAULT_RUNTIME, DEFAULT_STRIDE_SECONDS, DEFAULT_WINDOW_SECONDS, type RuntimeChoice } from '../../engine/protocol.ts';

/**
 * The memory budget: how much the browser should take for a job with a wav2vec2-base-sized model
 * (q8, WASM), as a window and stride, and how the runtime starts. The window sets the size of
 * every activation the model computes, so it is a budget's main lever; the stride follows it.
 * bench/memoryBudget.ts measures each mode against its limit.
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
  /** How the engine starts ONNX Runtime when a model loads in this mode. */
  readonly runtime: RuntimeChoice;
}

const MIB = 1024 * 1024;

/** The modes in the order the settings list them; Balanced is the app's default window and stride. */
export const BUDGET_MODES: Readonly<Record<MemoryBudget, BudgetMode>> = {
  balanced: { label: 'Balanced', windowSeconds: DEFAULT_WINDOW_SECONDS, strideSeconds: DEFAULT_STRIDE_SECONDS, limitBytes: 1024 * MIB, runtime: DEFAULT_RUNTIME },
  low: {
    label: 'Low memory',
    windowSeconds: 6,
    strideSeconds: 1,
    limitBytes: 700 * MIB,
    // Two threads allocate a window's buffers in an order that varies, and so did the heap a window
    // left behind, sometimes past the limit; one thread leaves the same every time, at a lower speed.
    // The warm-up moves the browser's optimizing compile before the weights (warmUpRuntime.ts).
    runtime: { warmUp: true, singleThread: true },
  },
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

/**
 * How the engine starts ONNX Runtime for a model loaded with these settings: a budget's own window
 * and stride bring its runtime; a window set by hand, the default. Like the device and the dtype,
 * it takes effect when a model loads.
 */
export function runtimeFor(windows: WindowChoice): RuntimeChoice {
  const budget = budgetOf(windows);
  return budget === 'custom' ? DEFAULT_RUNTIME : BUDGET_MODES[budget].runtime;
}
