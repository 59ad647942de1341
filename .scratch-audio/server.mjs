// scratch: start vite dev server + chromium, run a module's default export for each file
import { createServer } from 'vite';
import { chromium } from 'playwright-core';
import fs from 'node:fs';
const [, , modulePath, ...files] = process.argv;
const server = await createServer({ configFile: '/work/main/vite.config.ts', root: '/work/main', logLevel: 'warn',
  server: { host: '127.0.0.1', port: 0, fs: { allow: ['/work/main', '/work/shared'] } } });
await server.listen();
const url = server.resolvedUrls.local[0];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run','--disable-quic','--enable-blink-features=ForceEagerMeasureMemory'] });
const page = await browser.newPage();
page.on('console', m => console.log('[page]', m.text()));
page.on('pageerror', e => console.log('[pageerror]', e.message));
await page.route(url + 'blank.html', r => r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>t</title><input type=file id=f multiple>', headers: {'Cross-Origin-Opener-Policy':'same-origin','Cross-Origin-Embedder-Policy':'require-corp'} }));
await page.goto(url + 'blank.html');
for (const f of files) {
  const t0 = Date.now();
  try {
    const r = await page.evaluate(async ([m, f]) => { const mod = await import(m); return await mod.default(f); }, ['/@fs' + modulePath, f]);
    console.log(f, JSON.stringify(r), (Date.now()-t0)+'ms');
  } catch (e) { console.log(f, 'ERROR', e.message.slice(0, 500)); }
}
await browser.close(); await server.close();
