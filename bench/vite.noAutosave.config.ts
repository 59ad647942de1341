// The app's own build with saving into the library compiled out (src/features/library/benchHooks.ts),
// for bench/autosaveOverhead.ts only.
import { defineConfig, mergeConfig } from 'vite';
import appConfig from '../vite.config.ts';

export default defineConfig((env) => mergeConfig(appConfig(env), { define: { __LIBRARY_BENCH_NO_AUTOSAVE__: 'true' } }));
