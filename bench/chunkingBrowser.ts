// The browser path against Node, on espeak-ctc at the app's default settings: the production build
// in headless Chromium (ORT WASM) transcribes the ten-minute speech fixture, and Node runs the
// same model through onnxruntime-node and StreamingTranscriber with the same window, stride and
// decoder. Prints the WER of both and how many words the two transcripts do not share.
//
//   npx tsx bench/chunkingBrowser.ts        # builds the app into bench/out/app first
//
// Two inputs: the Opus file itself (the page decodes it with WebCodecs and resamples it to 16 kHz,
// Node reads it through ffmpeg), and a 16 kHz mono WAV that ffmpeg made from it, which both sides
// read sample for sample, so any difference left is the runtime's.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { windowSettings } from '../src/engine/asr/windowSettings.ts';
import { DEFAULT_STRIDE_SECONDS, DEFAULT_WINDOW_SECONDS } from '../src/engine/protocol.ts';
import { CtcModel } from '../src/engine/worker/ctcModel.ts';
import { launchBrowser, newPage, transcribeFile, transcriptText } from '../test/support/harness.ts';
import { OUT, viteBuild, vitePreview } from '../test/support/servers.ts';
import { MODELS_DIR } from '../test/support/sharedFixtures.ts';
import { chunkedWords, errorRates, perSentenceWords, singleThreadedOrt, textOf, wordErrors } from '../test/support/speechAccuracy.ts';
import { readAudio16kMono, speechLongManifest } from '../test/support/speechFixtures.ts';

const APP_QUERY = '?model=/models/espeak-ctc&dtype=fp32&device=wasm';
const JOB_TIMEOUT_MS = 600_000;

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

async function waitUntilReady(page: Page): Promise<string> {
  const handle = await page.waitForFunction(
    () => {
      const status = document.querySelector<HTMLElement>('[data-testid="status"]');
      const text = (status?.textContent ?? '').replace(/\s+/g, ' ').trim();
      return status?.dataset.state === 'idle' && text.startsWith('Ready') ? text : status?.dataset.state === 'error' ? `error: ${text}` : null;
    },
    null,
    { timeout: 120_000, polling: 100 },
  );
  const status = (await handle.jsonValue()) as string;
  if (status.startsWith('error')) throw new Error(`The app could not load espeak-ctc: ${status}`);
  return status;
}

async function main(): Promise<void> {
  const long = speechLongManifest();
  const audio = path.join(OUT, 'audio');
  mkdirSync(audio, { recursive: true });
  const wav = path.join(audio, 'speech-ten-minutes-16k.wav');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', long.file, '-ac', '1', '-ar', '16000', '-c:a', 'pcm_s16le', wav]);
  const inputs = [
    { label: 'ten-minutes.opus', file: long.file },
    { label: '16 kHz WAV of it', file: wav },
  ];

  singleThreadedOrt();
  const model = await CtcModel.load({ name: 'espeak-ctc', localModelPath: `${MODELS_DIR}/` }, { device: 'cpu', dtype: 'fp32' });
  const node = new Map<string, string>();
  for (const input of inputs) node.set(input.label, textOf(await chunkedWords(model, await readAudio16kMono(input.file), windowSettings(model.geometry))));
  const onePass = textOf(await perSentenceWords(model, await readAudio16kMono(long.file), long.sentences));
  await model.dispose();

  const appDir = path.join(OUT, 'app');
  console.log('Building the app…');
  viteBuild(appDir);
  const server = await vitePreview(appDir);
  const browser = await launchBrowser();
  const browserTexts = new Map<string, string>();
  let backend = '';
  try {
    const t = await newPage(browser);
    await t.page.goto(`${server.url}${APP_QUERY}`);
    backend = await waitUntilReady(t.page);
    for (const input of inputs) {
      const status = await transcribeFile(t.page, input.file, JOB_TIMEOUT_MS);
      if (status.state !== 'done') throw new Error(`${input.label}: the job ended ${status.state}: ${status.message}`);
      browserTexts.set(input.label, await transcriptText(t.page));
    }
    if (t.errors.length > 0) console.log(`Page errors:\n  ${t.errors.join('\n  ')}`);
    await t.close();
  } finally {
    await browser.close();
    await server.close();
  }

  console.log(`\nespeak-ctc, window ${DEFAULT_WINDOW_SECONDS} s, stride ${DEFAULT_STRIDE_SECONDS} s, greedy; the app: ${backend}`);
  console.log(`One pass per sentence (Node, ffmpeg's decoding): WER ${pct(errorRates(long.text, onePass).wer)}\n`);
  const rows = inputs.map(({ label }) => {
    const inBrowser = browserTexts.get(label)!;
    const inNode = node.get(label)!;
    const between = wordErrors(inNode, inBrowser);
    return [label, pct(errorRates(long.text, inBrowser).wer), pct(errorRates(long.text, inNode).wer), inBrowser === inNode ? 'identical' : `${between.errors} word edits (${pct(between.errors / between.words)})`];
  });
  const header = ['input', 'WER, app in Chromium', 'WER, Node', 'Chromium against Node'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const row of [header, ...rows]) console.log(row.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
}

await main();
