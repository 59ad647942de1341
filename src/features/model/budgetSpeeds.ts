import type { MemoryBudget } from './memoryBudget.ts';

/** How fast a budget ran here: the last file transcribed with it, whole, from its start. */
export interface BudgetSpeed {
  /** Wall time over audio time (0.5: twice as fast as real time). */
  readonly realTimeFactor: number;
  readonly audioSeconds: number;
  /** Date.now() when it was measured. */
  readonly measuredAt: number;
}

/** Speeds by engine (model, backend, dtype: see engineKey), then by budget. */
export type BudgetSpeeds = Readonly<Record<string, Partial<Record<MemoryBudget, BudgetSpeed>>>>;

/** Shorter files say more about loading and the first window than about the budget's speed. */
export const MIN_TIMED_AUDIO_SECONDS = 20;

/** Speeds differ by model, backend and dtype far more than by budget: each keeps its own. */
export function engineKey(engine: { readonly model: string; readonly backend: string; readonly dtype: string }): string {
  return `${engine.model} · ${engine.backend} · ${engine.dtype}`;
}

export interface FinishedRun {
  readonly kind: 'file' | 'live';
  /** True when the job continued a saved one (its time covers only part of the audio). */
  readonly resumed: boolean;
  readonly outcome: 'done' | 'cancelled' | 'error';
  readonly audioSeconds: number;
  readonly elapsedSeconds: number;
}

/**
 * The speed a finished job measured, or null when it measured none: a recording runs at the
 * speaker's pace, a resumed, cancelled or failed job did not run the whole file, and a short file
 * is mostly overhead.
 */
export function measuredSpeed(run: FinishedRun, now: number): BudgetSpeed | null {
  if (run.kind !== 'file' || run.resumed || run.outcome !== 'done' || run.audioSeconds < MIN_TIMED_AUDIO_SECONDS) return null;
  if (!(run.elapsedSeconds > 0)) return null;
  return { realTimeFactor: run.elapsedSeconds / run.audioSeconds, audioSeconds: run.audioSeconds, measuredAt: now };
}

export function withSpeed(speeds: BudgetSpeeds, key: string, budget: MemoryBudget, speed: BudgetSpeed): BudgetSpeeds {
  return { ...speeds, [key]: { ...speeds[key], [budget]: speed } };
}

/** The speed in words, as the settings show it beside a budget. */
export function speedText(speed: BudgetSpeed | undefined): string {
  if (speed === undefined) return 'speed here: not measured yet';
  const times = 1 / speed.realTimeFactor;
  const minutes = speed.audioSeconds / 60;
  const length = minutes < 1 ? `${Math.round(speed.audioSeconds)} s` : `${minutes.toFixed(minutes < 10 ? 1 : 0)} min`;
  return `speed here: ${times.toFixed(times < 10 ? 2 : 0)}× real time (real-time factor ${speed.realTimeFactor.toFixed(2)}, last ${length} file)`;
}
