import { STRIDE_SECONDS_RANGE, WINDOW_SECONDS_RANGE, type DevicePreference } from '../../engine/protocol.ts';
import type { EngineSession } from '../../jobs/engineSession.ts';
import { jobActions, useJobStore } from '../../jobs/jobStore.ts';
import { DecodingSettings } from './DecodingSettings.tsx';
import { MemoryBudgetSettings } from './MemoryBudgetSettings.tsx';

/**
 * The memory budget, window, stride and decoding apply to the next file; backend and dtype to the
 * next model load. The window and stride are the budget's unless set by hand, which overrides it.
 */
export function SettingsPanel({ session }: { session: EngineSession }) {
  const settings = useJobStore((s) => s.settings);
  return (
    <details className="card">
      <summary>Settings</summary>
      <MemoryBudgetSettings />
      <div className="grid">
        <label htmlFor="window-input">Window (seconds, overrides the budget)</label>
        <input
          id="window-input"
          type="number"
          min={WINDOW_SECONDS_RANGE.min}
          max={WINDOW_SECONDS_RANGE.max}
          step={0.5}
          value={settings.windowSeconds}
          onChange={(e) => jobActions.changeSettings({ windowSeconds: Number(e.target.value) })}
        />
        <label htmlFor="stride-input">Stride on each side (seconds, overrides the budget)</label>
        <input
          id="stride-input"
          type="number"
          min={STRIDE_SECONDS_RANGE.min}
          max={STRIDE_SECONDS_RANGE.max}
          step={0.1}
          value={settings.strideSeconds}
          onChange={(e) => jobActions.changeSettings({ strideSeconds: Number(e.target.value) })}
        />
        <label htmlFor="device-select">Backend (on next model load)</label>
        <select
          id="device-select"
          value={settings.device}
          onChange={(e) => jobActions.changeSettings({ device: e.target.value as DevicePreference })}
        >
          <option value="auto">Automatic</option>
          <option value="webgpu">WebGPU</option>
          <option value="wasm">WASM</option>
        </select>
        <label htmlFor="dtype-input">Weights dtype (empty: chosen per backend)</label>
        <input
          id="dtype-input"
          value={settings.dtype ?? ''}
          placeholder="fp32, fp16, q8, q4"
          onChange={(e) => jobActions.changeSettings({ dtype: e.target.value.trim() || undefined })}
        />
      </div>
      <DecodingSettings session={session} />
    </details>
  );
}
