import { jobActions, useJobStore } from '../../jobs/jobStore.ts';
import { formatBytes } from '../../shared/formatBytes.ts';
import { useBudgetSpeeds } from './budgetSpeedStore.ts';
import { engineKey, speedText } from './budgetSpeeds.ts';
import { BUDGET_MODES, budgetOf, budgetWindows, MEMORY_BUDGETS } from './memoryBudget.ts';

/**
 * The memory budget, as radio buttons: each chooses the window and stride for the next file, with
 * the memory it keeps under and the speed it last ran at with the loaded model on this device.
 * The window and stride fields override it; the budget shown is then Custom.
 */
export function MemoryBudgetSettings() {
  const settings = useJobStore((s) => s.settings);
  const engine = useJobStore((s) => s.engine);
  const speeds = useBudgetSpeeds((s) => (engine === null ? undefined : s.speeds[engineKey(engine)]));
  const chosen = budgetOf(settings);
  return (
    <fieldset className="memory-budget" data-budget={chosen}>
      <legend>Memory budget</legend>
      {MEMORY_BUDGETS.map((budget) => {
        const mode = BUDGET_MODES[budget];
        const id = `budget-${budget}`;
        return (
          <div key={budget} className="budget-option">
            <input
              type="radio"
              id={id}
              name="memory-budget"
              value={budget}
              checked={chosen === budget}
              aria-describedby={`${id}-about`}
              onChange={() => jobActions.changeSettings(budgetWindows(budget))}
            />
            <label htmlFor={id}>{mode.label}</label>
            <span id={`${id}-about`} className="figures" data-testid={`${id}-about`}>
              {' '}
              {mode.windowSeconds} s windows, {mode.strideSeconds} s stride; aims at {formatBytes(mode.limitBytes)} of browser memory with a wav2vec2-base
              model on WASM;{mode.runtime.singleThread ? ' one runtime thread and a warm-up before the model loads, from the next model load;' : ''}{' '}
              {engine === null ? 'speed here: shown once a model is loaded' : speedText(speeds?.[budget])}
            </span>
          </div>
        );
      })}
      {chosen === 'custom' && (
        <p className="figures" data-testid="budget-custom">
          Custom: a {settings.windowSeconds} s window and {settings.strideSeconds} s stride, set by hand or in the URL, and no
          budget's limit applies. Choose a budget to use its window and stride again.
        </p>
      )}
    </fieldset>
  );
}
