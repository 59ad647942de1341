// `npx tsx bench/autosaveOverhead.ts [--runs=5] [--on=dist]`: what saving into the library costs a job. Builds
// the app twice, as shipped and with saving compiled out (bench/vite.noAutosave.config.ts), then
// transcribes the ten-minute tone file in each in turn with bench/abBuilds.ts, and prints the median
// ratio of saving on to saving off, pair by pair.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { OUT, REPO_ROOT, viteBuild } from '../test/support/servers.ts';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const runs = arg('runs') ?? '5';
const off = path.join(OUT, 'autosave-off');
// --on=DIR: the app as shipped, built already (dist/ after `npm run build`).
const on = arg('on') === undefined ? path.join(OUT, 'autosave-on') : path.resolve(arg('on')!);
viteBuild(off, path.join(REPO_ROOT, 'bench/vite.noAutosave.config.ts'));
if (arg('on') === undefined) viteBuild(on);
console.log(`A = saving off (${off}), B = saving on (${on}): B/A is the cost of saving`);
const ab = spawnSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(REPO_ROOT, 'bench/abBuilds.ts'), `--a=${off}`, `--b=${on}`, `--runs=${runs}`], {
  cwd: REPO_ROOT,
  stdio: 'inherit',
});
process.exit(ab.status ?? 1);
