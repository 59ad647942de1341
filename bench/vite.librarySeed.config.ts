// The bench-only page that fills the library (bench/librarySeed/), built to be copied into a build
// of the app at /bench-seed/ so both share one origin, hence one IndexedDB.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), 'librarySeed');

export default defineConfig({ root, base: '/bench-seed/', build: { target: 'es2022' } });
