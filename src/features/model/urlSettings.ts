import { DEFAULT_MODEL } from '../../shared/modelSource.ts';
import type { DevicePreference } from '../../engine/protocol.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../jobs/jobStore.ts';

const DEVICES: readonly DevicePreference[] = ['auto', 'webgpu', 'wasm'];

function positiveNumber(value: string | null, fallback: number): number {
  const n = value === null ? NaN : Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

/** Settings from the page URL: `?model=`, `?device=auto|webgpu|wasm`, `?dtype=`, `?window=`, `?stride=` (seconds), `?decoding=fast|accurate`. */
export function settingsFromUrl(search: string): Settings {
  const params = new URLSearchParams(search);
  const device = params.get('device') as DevicePreference | null;
  return {
    ...DEFAULT_SETTINGS,
    decoding: params.get('decoding') === 'accurate' ? 'accurate' : 'fast',
    model: params.get('model')?.trim() || DEFAULT_MODEL,
    device: device !== null && DEVICES.includes(device) ? device : DEFAULT_SETTINGS.device,
    dtype: params.get('dtype') || undefined,
    windowSeconds: positiveNumber(params.get('window'), DEFAULT_SETTINGS.windowSeconds),
    strideSeconds: positiveNumber(params.get('stride'), DEFAULT_SETTINGS.strideSeconds),
  };
}
