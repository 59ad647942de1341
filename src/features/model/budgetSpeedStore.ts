import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { onJobEvent } from '../../jobs/jobEvents.ts';
import { useJobStore } from '../../jobs/jobStore.ts';
import { budgetOf, type WindowChoice } from './memoryBudget.ts';
import { engineKey, measuredSpeed, withSpeed, type BudgetSpeeds } from './budgetSpeeds.ts';

interface BudgetSpeedState {
  readonly speeds: BudgetSpeeds;
}

/** Each budget's last measured speed on this device, remembered across visits (localStorage). */
export const useBudgetSpeeds = create<BudgetSpeedState>()(persist<BudgetSpeedState>(() => ({ speeds: {} }), { name: 'memory-budget-speeds' }));

/**
 * Times every file job from its start to its end and keeps the speed under the budget its window
 * and stride belong to (a job with hand-set ones belongs to none). Returns the unsubscribe.
 */
export function recordBudgetSpeeds(now: () => number = () => performance.now()): () => void {
  const running = new Map<number, { startedAt: number; settings: WindowChoice; resumed: boolean; kind: 'file' | 'live'; key: string | null }>();
  return onJobEvent((event) => {
    if (event.type === 'began') {
      const engine = useJobStore.getState().engine;
      running.set(event.id, {
        startedAt: now(),
        settings: event.settings,
        resumed: event.resumes !== null,
        kind: event.kind,
        key: engine === null ? null : engineKey(engine),
      });
      return;
    }
    if (event.type !== 'ended') return;
    const job = running.get(event.id);
    running.delete(event.id);
    if (job === undefined || job.key === null) return;
    const budget = budgetOf(job.settings);
    if (budget === 'custom') return;
    const speed = measuredSpeed(
      { kind: job.kind, resumed: job.resumed, outcome: event.outcome, audioSeconds: event.durationSeconds, elapsedSeconds: (now() - job.startedAt) / 1000 },
      Date.now(),
    );
    if (speed !== null) useBudgetSpeeds.setState((s) => ({ speeds: withSpeed(s.speeds, job.key!, budget, speed) }));
  });
}
