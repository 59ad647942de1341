/**
 * Set at build time only by bench/vite.noAutosave.config.ts, which builds the app without saving
 * so bench/autosaveOverhead.ts can measure what saving costs; the app's own build leaves it
 * undefined, and saving is always on.
 */
declare const __LIBRARY_BENCH_NO_AUTOSAVE__: boolean;

export function autosaveCompiledOut(): boolean {
  return typeof __LIBRARY_BENCH_NO_AUTOSAVE__ !== 'undefined' && __LIBRARY_BENCH_NO_AUTOSAVE__;
}
