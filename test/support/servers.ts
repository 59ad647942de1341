// Servers for the benchmarks: production builds of the app and of the bench-only pages, built into
// bench/out/ (so a bench never disturbs dist/ of a test run) and served by `vite preview`.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort, REPO_ROOT, SHARED, type Server } from './harness.ts';

export { REPO_ROOT, SHARED, type Server };
export const OUT = path.join(REPO_ROOT, 'bench/out');
export const BENCH_PAGES_CONFIG = path.join(REPO_ROOT, 'bench/vite.bench.config.ts');
const VITE_BIN = path.join(REPO_ROOT, 'node_modules/vite/bin/vite.js');

/** `vite build` of a config into `outDir`; throws with Vite's output when it fails. */
export function viteBuild(outDir: string, configFile?: string): void {
  const args = [VITE_BIN, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'];
  if (configFile) args.push('--config', configFile);
  const result = spawnSync(process.execPath, args, { cwd: REPO_ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`);
}

/** `vite preview` of a built folder, with ../shared/models at /models/ and the isolation headers. */
export async function vitePreview(outDir: string, configFile?: string): Promise<Server> {
  const port = await freePort();
  const args = [VITE_BIN, 'preview', '--outDir', outDir, '--host', '127.0.0.1', '--port', String(port), '--strictPort'];
  if (configFile) args.push('--config', configFile);
  const env: NodeJS.ProcessEnv = { ...process.env, MODELS_DIR: path.join(SHARED, 'models') };
  delete env.NO_ISOLATION_HEADERS;
  const child: ChildProcess = spawn(process.execPath, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (output += b.toString()));
  const url = `http://127.0.0.1:${port}/`;
  const close = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`vite preview exited:\n${output}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.body?.cancel();
      return { url, close };
    } catch {
      if (Date.now() > deadline) {
        await close();
        throw new Error(`vite preview did not answer at ${url}:\n${output}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
