import { jobActions, useJobStore } from '../../jobs/jobStore.ts';
import type { DevicePreference } from '../../engine/protocol.ts';


/** Window and stride apply to the next file; backend and dtype to the next model load. */
export function SettingsPanel() {
  const settings = useJobStore((s) => s.settings);
  return (
    <details className="card">
      <summary>Settings</summary>
      <div className="grid">
        <label htmlFor="window-input">Window (seconds)</label>
        <input
          id="window-input"
          type="number"
          min={2}
          max={60}
          step={0.5}
          value={settings.windowSeconds}
          onChange={(e) => jobActions.changeSettings({ windowSeconds: Number(e.target.value) })}
        />
        <label htmlFor="stride-input">Stride on each side (seconds)</label>
        <input
          id="stride-input"
          type="number"
          min={0.1}
          max={10}
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
    </details>
  );
}
