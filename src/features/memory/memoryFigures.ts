/** The shape of performance.measureUserAgentSpecificMemory()'s result (not in TypeScript's DOM lib yet). */
export interface UaMemoryResult {
  readonly bytes: number;
  readonly breakdown: ReadonlyArray<{
    readonly bytes: number;
    readonly types: readonly string[];
    readonly attribution: ReadonlyArray<{ readonly url: string; readonly scope: string }>;
  }>;
}

export interface MemoryPart {
  readonly label: string;
  readonly bytes: number;
}

function partLabel(attribution: UaMemoryResult['breakdown'][number]['attribution']): string {
  if (attribution.length === 0) return 'shared by the browser';
  if (attribution.length > 1) return 'shared between page and workers';
  const { scope, url } = attribution[0];
  if (scope === 'Window') return 'page';
  if (/engine[.-]worker/.test(url)) return 'engine worker';
  if (/ort-wasm/.test(url)) return 'ONNX Runtime threads';
  return 'other workers';
}

/** Sums the browser's breakdown into a few labelled parts, largest first. */
export function summarizeBreakdown(result: UaMemoryResult): MemoryPart[] {
  const sums = new Map<string, number>();
  for (const entry of result.breakdown) {
    const label = partLabel(entry.attribution);
    sums.set(label, (sums.get(label) ?? 0) + entry.bytes);
  }
  return [...sums]
    .filter(([, bytes]) => bytes > 0)
    .map(([label, bytes]) => ({ label, bytes }))
    .sort((a, b) => b.bytes - a.bytes);
}

/** How the page's own memory is measured here. */
export type MeasurementMethod = 'measureUserAgentSpecificMemory' | 'performance.memory' | 'engine only';

export interface MeasurementSupport {
  readonly method: MeasurementMethod;
  /** Why the best method is not available, or null when it is. */
  readonly fallbackReason: string | null;
}

export function measurementSupport(env: {
  readonly hasUaMeasurement: boolean;
  readonly crossOriginIsolated: boolean;
  readonly hasJsHeapSize: boolean;
}): MeasurementSupport {
  if (env.hasUaMeasurement && env.crossOriginIsolated) return { method: 'measureUserAgentSpecificMemory', fallbackReason: null };
  // Browsers expose the API only to cross-origin isolated pages, so its absence there says nothing.
  const why = !env.crossOriginIsolated
    ? 'performance.measureUserAgentSpecificMemory() needs a cross-origin isolated page'
    : 'this browser has no performance.measureUserAgentSpecificMemory()';
  return env.hasJsHeapSize
    ? { method: 'performance.memory', fallbackReason: `${why}: showing the page's JavaScript heap (performance.memory; workers not counted) plus the engine's WASM heap` }
    : { method: 'engine only', fallbackReason: `${why}, nor performance.memory: showing only what the engine worker reports` };
}

/** A figure for the page (and, when measured by the browser, its workers). */
export interface PageFigure {
  readonly bytes: number;
  /** Of `bytes`, the engine's WASM heap as it was when measured (the browser counts a shared heap). */
  readonly countedHeapBytes: number;
}

/**
 * The best total at hand: the last page figure with the engine's WASM heap taken out, plus the
 * heap's live size, which the worker reports far more often than the browser can measure.
 */
export function bestTotal(page: PageFigure | null, wasmHeapBytes: number | null): number {
  return (page === null ? 0 : page.bytes - page.countedHeapBytes) + (wasmHeapBytes ?? 0);
}

export interface IsolationFacts {
  readonly crossOriginIsolated: boolean;
  readonly secureContext: boolean;
  /** This page's response headers, or null when they could not be read. */
  readonly headers: { readonly coop: string | null; readonly coep: string | null } | null;
}

/** Cross-origin isolation in words, with the reason when it is off. */
export function isolationStatus(facts: IsolationFacts): { readonly isolated: boolean; readonly text: string } {
  if (facts.crossOriginIsolated) {
    return { isolated: true, text: 'Cross-origin isolated: full memory measurement and WASM threads are available.' };
  }
  const off = 'Not cross-origin isolated';
  if (!facts.secureContext) return { isolated: false, text: `${off}: the page is not a secure context (serve it over https or from localhost).` };
  if (facts.headers === null) return { isolated: false, text: `${off}, and this page's response headers could not be read to say why.` };
  const { coop, coep } = facts.headers;
  const problems: string[] = [];
  if (coop?.trim() !== 'same-origin') {
    problems.push(coop === null ? 'no Cross-Origin-Opener-Policy header' : `Cross-Origin-Opener-Policy "${coop}", not "same-origin"`);
  }
  if (coep?.trim() !== 'require-corp' && coep?.trim() !== 'credentialless') {
    problems.push(coep === null ? 'no Cross-Origin-Embedder-Policy header' : `Cross-Origin-Embedder-Policy "${coep}", not "require-corp"`);
  }
  if (problems.length > 0) return { isolated: false, text: `${off}: the server sent ${problems.join(' and ')}.` };
  return { isolated: false, text: `${off}, although the headers ask for it: an embedding page or the browser prevents it.` };
}
