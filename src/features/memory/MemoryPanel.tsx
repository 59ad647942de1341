import { useEffect, useState, useSyncExternalStore } from 'react';
import type { FileJobs } from '../file/fileJobs.ts';
import { SAMPLE_RATE } from '../../shared/audioFormat.ts';
import { formatBytes } from '../../shared/formatBytes.ts';
import { chartGeometry } from './chartGeometry.ts';
import { memoryBreakdown, type BreakdownPart } from './memoryBreakdown.ts';
import { isolationStatus } from './memoryFigures.ts';
import type { MemoryMonitor, MemorySnapshot } from './memoryMonitor.ts';
import { memorySupport as support } from './startMemoryMonitor.ts';

/** Reads this page's own COOP/COEP headers, to say why isolation is off. */
function useIsolation() {
  const [headers, setHeaders] = useState<{ coop: string | null; coep: string | null } | null>(null);
  useEffect(() => {
    if (self.crossOriginIsolated) return;
    let live = true;
    fetch(location.href, { method: 'HEAD', cache: 'no-store' })
      .then((r) => live && setHeaders({ coop: r.headers.get('cross-origin-opener-policy'), coep: r.headers.get('cross-origin-embedder-policy') }))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, []);
  return isolationStatus({ crossOriginIsolated: self.crossOriginIsolated, secureContext: self.isSecureContext, headers });
}

function age(ms: number): string {
  return ms < 1_000 ? 'just now' : `${Math.round(ms / 1_000)} s ago`;
}

function measurementLine(s: MemorySnapshot, now: number): string {
  if (s.method === 'engine only') return 'No page measurement in this browser.';
  const source = s.method === 'measureUserAgentSpecificMemory' ? 'Browser measurement' : 'Page JS heap';
  const last = s.page === null ? 'none yet' : `${age(now - s.page.at)} (took ${s.page.tookMs < 1_000 ? `${Math.round(s.page.tookMs)} ms` : `${Math.round(s.page.tookMs / 1_000)} s`})`;
  const measuring = s.measuringSince === null ? '' : ` · measuring… ${Math.round((now - s.measuringSince) / 1_000)} s`;
  return `${source}: ${last}${measuring}`;
}

/** Where the bytes are, as a table: screen readers read it row by row with its headers. */
function MemoryBreakdown({ parts }: { parts: readonly BreakdownPart[] }) {
  return (
    <table className="memory-breakdown" data-testid="memory-breakdown">
      <caption>Where the bytes are</caption>
      <thead>
        <tr>
          <th scope="col">part</th>
          <th scope="col">bytes</th>
          <th scope="col">from</th>
        </tr>
      </thead>
      <tbody>
        {parts.map((part) => (
          <tr key={part.key} data-part={part.key} data-bytes={part.bytes ?? ''}>
            <th scope="row">{part.label}</th>
            <td>{part.bytes === null ? 'not known yet' : formatBytes(part.bytes)}</td>
            <td className="figures">{part.how}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const CHART_WIDTH = 300;
const CHART_HEIGHT = 60;

function MemoryChart({ snapshot }: { snapshot: MemorySnapshot }) {
  const geometry = chartGeometry(snapshot.series, snapshot.markers, CHART_WIDTH, CHART_HEIGHT);
  if (geometry === null) return null;
  const minutes = geometry.spanMs / 60_000;
  const span = minutes < 1 ? `${Math.round(geometry.spanMs / 1_000)} s` : `${minutes.toFixed(minutes < 10 ? 1 : 0)} min`;
  return (
    <figure className="memory-chart">
      <svg
        viewBox={`0 0 ${CHART_WIDTH} ${CHART_HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={`Memory over the last ${span}: peak ${formatBytes(snapshot.peakBytes)}, now ${formatBytes(snapshot.currentBytes)}; green lines are job starts, grey lines job ends.`}
      >
        <line className="peak" x1={0} x2={CHART_WIDTH} y1={geometry.peakY} y2={geometry.peakY} />
        {geometry.markers.map((m, i) => (
          <line key={i} className={`marker ${m.edge}`} x1={m.x} x2={m.x} y1={0} y2={CHART_HEIGHT} />
        ))}
        <polyline className="total" points={geometry.line} />
      </svg>
      <figcaption className="figures">
        0 – {formatBytes(geometry.topBytes)} over {span} · <span className="legend start">│</span> job start ·{' '}
        <span className="legend end">│</span> job end · dashed: peak
      </figcaption>
    </figure>
  );
}

/**
 * Live memory of the page and its engine worker, with the peak and a chart marked with job
 * starts and ends. `data-current-bytes` / `data-peak-bytes` expose the figures to automation.
 */
export function MemoryPanel({ monitor, files }: { monitor: MemoryMonitor; files: FileJobs }) {
  const snapshot = useSyncExternalStore(monitor.subscribe, monitor.getSnapshot);
  const isolation = useIsolation();

  const now = performance.now();
  const engine = snapshot.engine;
  const ahead = files.readAheadSamples();
  const chunkBuffersMade = files.chunkBuffersMade();
  const windowSamples = engine?.windowSamples ?? 0;
  const inWindows = (samples: number) => (windowSamples > 0 ? ` (${(samples / windowSamples).toFixed(2)} windows)` : '');
  const breakdown = memoryBreakdown({
    totalBytes: snapshot.page === null && snapshot.method !== 'engine only' ? null : snapshot.currentBytes,
    wasmHeapBytes: engine?.wasmHeapBytes ?? null,
    modelWeightBytes: engine?.modelWeightBytes ?? null,
    weightsOnGpu: engine?.gpuBufferBytes != null,
    engineHeldSamples: engine?.heldSamples ?? 0,
    engineInputBytes: engine?.tensorBytes ?? 0,
    pageAudioSamples: ahead?.buffered ?? 0,
  });

  return (
    <section
      className="card memory"
      aria-labelledby="memory-heading"
      data-testid="memory-panel"
      data-current-bytes={Math.round(snapshot.currentBytes)}
      data-peak-bytes={Math.round(snapshot.peakBytes)}
      data-method={snapshot.method}
      data-isolated={String(isolation.isolated)}
      data-measured-at={snapshot.page?.at ?? ''}
      data-measure-started={snapshot.page ? snapshot.page.at - snapshot.page.tookMs : ''}
      data-engine-at={snapshot.engineAt ?? ''}
      data-wasm-heap-bytes={engine?.wasmHeapBytes ?? ''}
      data-tensor-bytes={engine?.tensorBytes ?? ''}
      data-gpu-buffer-bytes={engine?.gpuBufferBytes ?? ''}
      data-windows-run={engine?.windowsRun ?? ''}
      data-window-samples={windowSamples}
      data-max-held-samples={engine?.maxHeldSamples ?? ''}
      data-read-ahead-peak-samples={ahead?.peak ?? ''}
      data-read-ahead-limit-samples={ahead?.limit ?? ''}
      data-chunk-buffers-made={chunkBuffersMade}
      data-model-weight-bytes={engine?.modelWeightBytes ?? ''}
    >
      <h2 id="memory-heading">Memory</h2>
      <p className="memory-now">
        <span>
          Now <strong>{formatBytes(snapshot.currentBytes)}</strong>
        </span>
        <span>
          Peak <strong>{formatBytes(snapshot.peakBytes)}</strong>
        </span>
      </p>
      <p className="figures">
        {measurementLine(snapshot, now)}
        {snapshot.page === null && snapshot.method !== 'engine only' && ' · until then, Now counts the engine only'}
      </p>
      {snapshot.lastError && <p className="warning">{snapshot.lastError}</p>}
      <MemoryChart snapshot={snapshot} />
      <MemoryBreakdown parts={breakdown} />
      <dl className="memory-grid">
        {snapshot.page?.parts.map((part) => (
          <div key={part.label}>
            <dt>{part.label}</dt>
            <dd>{formatBytes(part.bytes)}</dd>
          </div>
        ))}
        <div>
          <dt>engine WASM heap{engine?.wasmHeapShared ? ' (shared)' : ''}</dt>
          <dd>{engine?.wasmHeapBytes == null ? 'not started' : formatBytes(engine.wasmHeapBytes)}</dd>
        </div>
        <div>
          <dt>engine tensors</dt>
          <dd>{engine ? formatBytes(engine.tensorBytes) : '…'}</dd>
        </div>
        {engine?.gpuBufferBytes != null && (
          <div>
            <dt>GPU buffers</dt>
            <dd>{formatBytes(engine.gpuBufferBytes)}</dd>
          </div>
        )}
        {engine && engine.windowSamples > 0 && (
          <div>
            <dt>most audio the engine held</dt>
            <dd>
              {(engine.maxHeldSamples / SAMPLE_RATE).toFixed(1)} s{inWindows(engine.maxHeldSamples)} · {engine.windowsRun} windows run
            </dd>
          </div>
        )}
        {ahead !== null && (
          <div>
            <dt>decoded ahead of the model (most)</dt>
            <dd>
              {(ahead.peak / SAMPLE_RATE).toFixed(1)} s of at most {(ahead.limit / SAMPLE_RATE).toFixed(0)} s
            </dd>
          </div>
        )}
        {ahead !== null && (
          <div>
            <dt>audio chunk buffers</dt>
            <dd>{chunkBuffersMade} made, reused by every file</dd>
          </div>
        )}
      </dl>
      <p className={isolation.isolated ? 'figures' : 'warning'} data-testid="isolation-status">
        {isolation.text}
      </p>
      {support.fallbackReason && <p className="warning">{support.fallbackReason}.</p>}
      <details>
        <summary>How these figures are made</summary>
        <p>
          <strong>Now</strong> = the browser's last measurement of this page and its workers
          (performance.measureUserAgentSpecificMemory(), which can take a minute while WASM threads run) − the engine's WASM heap
          as it was then + the heap's live size, which the engine worker reports every second. The browser counts a shared WASM
          heap (threaded ONNX Runtime) but not a private one, so a private heap is simply added. Without that API, the page's
          JavaScript heap (performance.memory) stands in for the measurement and workers are not counted. While ONNX Runtime
          runs WASM threads, Chromium cannot measure a thread that waits inside WebAssembly and gives up on it after about a
          minute, so a measurement then takes that long (that thread's own small JavaScript heap is left out; the shared WASM
          heap is counted with the engine worker).{' '}
          <strong>Peak</strong> is the highest Now seen since the page opened. GPU buffers live in GPU memory and are shown apart.
        </p>
      </details>
    </section>
  );
}
