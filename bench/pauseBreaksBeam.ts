// Whether the beam search, like *Fast*, should end words at pauses (pauseBreaks.ts): one chunked
// run of espeak-ctc at the app's window and stride over each long recording, the same frames fed
// to greedy and beam search (with and without the fortunes 3-gram at the app's default weights),
// each as it is and wrapped in breakingAtPauses. Node, the real runtime, ORT on one thread.
//
//   npx tsx bench/pauseBreaksBeam.ts
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beamSearchDecoder } from '../src/engine/asr/decoders/beamSearchDecoder.ts';
import type { CtcDecoderFactory } from '../src/engine/asr/decoders/ctcDecoder.ts';
import { greedyCtcDecoder } from '../src/engine/asr/decoders/greedyCtcDecoder.ts';
import { breakingAtPauses } from '../src/engine/asr/decoders/pauseBreaks.ts';
import { parseArpa } from '../src/engine/asr/languageModel/readArpa.ts';
import { windowSettings } from '../src/engine/asr/windowSettings.ts';
import { CtcModel } from '../src/engine/worker/ctcModel.ts';
import { DEFAULT_SETTINGS } from '../src/jobs/jobStore.ts';
import { fortunesCorpus } from '../test/support/fortunesText.ts';
import { MODELS_DIR, readWav16kMono } from '../test/support/sharedFixtures.ts';
import { chunkedWords, errorRates, singleThreadedOrt, textOf } from '../test/support/speechAccuracy.ts';
import { readAudio16kMono, speechLongManifest, speechSentenceManifest } from '../test/support/speechFixtures.ts';
import { UNSEEN_SENTENCES, unseenSpeechFile } from '../test/support/unseenSpeech.ts';
import { decoderTee } from './decoderTee.ts';
import { kneserNeyArpa } from './languageModel/kneserNeyArpa.ts';

const pct = (x: number) => `${(x * 100).toFixed(2)} %`;

async function main(): Promise<void> {
  singleThreadedOrt();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pause-breaks-beam-'));
  try {
    const long = speechLongManifest();
    const unseen = unseenSpeechFile(dir);
    const keepApart = [...long.sentences.map((s) => s.text), ...UNSEEN_SENTENCES, ...speechSentenceManifest().map((c) => c.text)];
    const lm = parseArpa(kneserNeyArpa(fortunesCorpus(keepApart).sentences, 3));
    const languageModel = { model: lm, alpha: DEFAULT_SETTINGS.languageModelWeight, beta: DEFAULT_SETTINGS.wordBonus };
    const decoders: Array<[string, CtcDecoderFactory]> = [
      ['greedy', greedyCtcDecoder],
      ['beam 16', beamSearchDecoder()],
      ['beam 16 + 3-gram LM', beamSearchDecoder({ languageModel })],
    ];
    const rows = decoders.flatMap(([name, factory]): Array<[string, CtcDecoderFactory]> => [
      [name, factory],
      [`${name}, pause breaks`, breakingAtPauses(factory)],
    ]);
    const model = await CtcModel.load({ name: 'espeak-ctc', localModelPath: `${MODELS_DIR}/` }, { device: 'cpu', dtype: 'fp32' });
    const recordings = [
      { label: 'ten-minute fixture', text: long.text, samples: await readAudio16kMono(long.file) },
      { label: 'espeak-ng unseen file', text: unseen.text, samples: readWav16kMono(unseen.file) },
    ];
    for (const recording of recordings) {
      const tee = decoderTee(rows.map(([, factory]) => factory));
      await chunkedWords(model, recording.samples, windowSettings(model.geometry), tee.factory);
      console.log(`\n${recording.label}: WER / CER at the app's window and stride`);
      rows.forEach(([name], i) => {
        const rates = errorRates(recording.text, textOf(tee.words[i]));
        console.log(`  ${name.padEnd(36)}${pct(rates.wer).padStart(10)}${pct(rates.cer).padStart(10)}`);
      });
    }
    await model.dispose();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
