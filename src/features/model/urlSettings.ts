import { DEFAULT_MODEL } from '../../shared/modelSource.ts';
import type { DevicePreference } from '../../engine/protocol.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../jobs/jobStore.ts';
import { budgetWindows, DEFAULT_BUDGET, isMemoryBudget } from './memoryBudget.ts';

const DEVICES: readonly DevicePreference[] = ['auto', 'webgpu', 'wasm'];

function positiveNumber(value: string | null, fallback: number): number {
  const n = value === null ? NaN : Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

/**
 * Settings from the page URL: `?model=`, `?device=auto|webgpu|wasm`, `?dtype=`,
 * `?budget=balanced|low`, `?window=`, `?stride=` (seconds; each overrides the budget's), `?decoding=fast|accurate`.
 */
export function settingsFromUrl(search: string): Settings {
  const params = new URLSearchParams(search);
  const device = params.get('device') as DevicePreference | null;
  const budget = params.get('budget');
  const windows = budgetWindows(isMemoryBudget(budget) ? budget : DEFAULT_BUDGET);
  return {
    ...DEFAULT_SETTINGS,
    decoding: params.get('decoding') === 'accurate' ? 'accurate' : 'fast',
    model: params.get('model')?.trim() || DEFAULT_MODEL,
    device: device !== null && DEVICES.includes(device) ? device : DEFAULT_SETTINGS.device,
    dtype: params.get('dtype') || undefined,
    windowSeconds: positiveNumber(params.get('window'), windows.windowSeconds),
    strideSeconds: positiveNumber(params.get('stride'), windows.strideSeconds),
  };
}
