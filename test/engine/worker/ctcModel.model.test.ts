import { chmodSync, cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { env } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelsDirMiddleware } from '../../../scripts/serveModelsDir.ts';
import { framesForSamples } from '../../../src/engine/asr/frameGeometry.ts';
import { CtcModel } from '../../../src/engine/worker/ctcModel.ts';
import { MODELS_DIR, readWav16kMono, sentenceManifest, TONES } from '../../support/sharedFixtures.ts';
import { onePass, text } from '../../support/toneModel.ts';

// Every model that cannot work must fail at load, quickly, with a message that names the model
// and the cause. Each fixture is tone-ctc copied into a temporary folder with one thing broken.

const TONE_CTC = path.join(MODELS_DIR, 'tone-ctc');
/** Far above a real load of tone-ctc (milliseconds): a load that takes this long is hanging. */
const HANG_MS = 20_000;

let tmp: string;
let copies = 0;

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'ctc-model-faults-'));
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

function makeWritable(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir)) {
    const entryPath = path.join(dir, entry);
    if (statSync(entryPath).isDirectory()) makeWritable(entryPath);
    else chmodSync(entryPath, 0o644);
  }
}

/** A fresh copy of tone-ctc, broken by `breakIt`, in its own parent folder; returns that parent. */
function brokenCopy(breakIt: (model: string) => void): string {
  const parent = path.join(tmp, String(copies++));
  const model = path.join(parent, 'tone-ctc');
  cpSync(TONE_CTC, model, { recursive: true });
  makeWritable(parent);
  breakIt(model);
  return parent;
}

function editJson(file: string, edit: (json: Record<string, any>) => void): (model: string) => void {
  return (model) => {
    const target = path.join(model, file);
    const json = JSON.parse(readFileSync(target, 'utf8'));
    edit(json);
    writeFileSync(target, JSON.stringify(json));
  };
}

/** The error a load of `tone-ctc` from `folder` fails with (it must fail, and within HANG_MS). */
async function loadError(folder: string): Promise<Error> {
  const load = CtcModel.load({ name: 'tone-ctc', localModelPath: folder }, { device: 'cpu' });
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the load neither failed nor finished within ${HANG_MS} ms`)), HANG_MS);
  });
  try {
    const model = await Promise.race([load, hang]);
    await model.dispose();
    throw new Error('the broken model loaded');
  } catch (error) {
    if (!(error instanceof Error) || /the broken model loaded|neither failed/.test(error.message)) throw error;
    expect(error.message).toContain('"tone-ctc"');
    expect(error.message).not.toMatch(/\.\.$/);
    return error;
  } finally {
    clearTimeout(timer);
  }
}

/** The tokenizer without `token`, in its vocabulary and its added tokens alike. */
const vocabWithout = (token: string) => (model: string) => {
  editJson('tokenizer.json', (json) => {
    delete json.model.vocab[token];
    json.added_tokens = json.added_tokens.filter((added: { content: string }) => added.content !== token);
  })(model);
  editJson('vocab.json', (json) => delete json[token])(model);
};

describe('a model that cannot work fails at load, naming the model and the cause', () => {
  it('loads the unbroken copy, and its probe leaves no input tensors behind', async () => {
    const model = await CtcModel.load({ name: 'tone-ctc', localModelPath: `${brokenCopy(() => {})}/` }, { device: 'cpu' });
    try {
      expect(model.geometry.hop).toBe(320);
      expect(model.vocabulary.tokens).toHaveLength(32);
      expect(model.heldTensorBytes).toBe(0);
    } finally {
      await model.dispose();
    }
  });

  const cases: Array<[string, (model: string) => void, string, RegExp]> = [
    ['a missing config.json', (m) => unlinkSync(path.join(m, 'config.json')), 'ModelFileMissingError', /^The model "tone-ctc" has no config\.json: not found at \/.*\/tone-ctc\/config\.json\.$/],
    ['missing ONNX weights', (m) => unlinkSync(path.join(m, 'onnx/model.onnx')), 'ModelFileMissingError', /^The model "tone-ctc" has no onnx\/model\.onnx: not found at \/.*\/tone-ctc\/onnx\/model\.onnx\.$/],
    ['a missing tokenizer', (m) => unlinkSync(path.join(m, 'tokenizer.json')), 'ModelFileMissingError', /^The model "tone-ctc" has no tokenizer\.json: not found at /],
    ['a missing preprocessor config', (m) => unlinkSync(path.join(m, 'preprocessor_config.json')), 'ModelFileMissingError', /^The model "tone-ctc" has no preprocessor_config\.json: not found at /],
    [
      'an ONNX file of garbage',
      (m) => writeFileSync(path.join(m, 'onnx/model.onnx'), 'this is not a protobuf, it is a sentence'),
      'ModelFileCorruptError',
      /^The model "tone-ctc" has a damaged onnx\/model\.onnx: ONNX Runtime could not read it \(Protobuf parsing failed\)\.$/,
    ],
    [
      'a truncated ONNX file',
      (m) => {
        const file = path.join(m, 'onnx/model.onnx');
        writeFileSync(file, readFileSync(file).subarray(0, 40_000));
      },
      'ModelFileCorruptError',
      /^The model "tone-ctc" has a damaged onnx\/model\.onnx: ONNX Runtime could not read it \(.+\)\.$/,
    ],
    [
      'a model_type that is not CTC',
      editJson('config.json', (c) => (c.model_type = 'bert')),
      'UnsupportedModelError',
      /^The model "tone-ctc" is not a CTC speech model: its config.json says model_type "bert", where a CTC model is one of wav2vec2, .*hubert/,
    ],
    ['no model_type at all', editJson('config.json', (c) => delete c.model_type), 'UnsupportedModelError', /^The model "tone-ctc" has no model_type in its config\.json, so it is not a CTC speech model\.$/],
    [
      'a tokenizer without its blank token',
      vocabWithout('<pad>'),
      'UnsupportedModelError',
      /^The model "tone-ctc" cannot be decoded: the tokenizer has no CTC blank token "<pad>"\.$/,
    ],
    [
      'no conv kernels or strides',
      editJson('config.json', (c) => {
        delete c.conv_kernel;
        delete c.conv_stride;
      }),
      'UnsupportedModelError',
      /^The model "tone-ctc" has no conv_kernel or conv_stride in its config\.json: the time of its output frames cannot be known\.$/,
    ],
    ['no conv strides', editJson('config.json', (c) => delete c.conv_stride), 'UnsupportedModelError', /^The model "tone-ctc" has no conv_stride in its config\.json/],
    [
      'a zero conv stride',
      editJson('config.json', (c) => (c.conv_stride[2] = 0)),
      'UnsupportedModelError',
      /^The model "tone-ctc" has an unusable config\.json: conv_stride must list one positive whole number per conv layer; it is \[5,2,0,2,2,2,2\]\.$/,
    ],
    [
      'a negative conv kernel',
      editJson('config.json', (c) => (c.conv_kernel[0] = -10)),
      'UnsupportedModelError',
      /^The model "tone-ctc" has an unusable config\.json: conv_kernel must list .*; it is \[-10,3,3,3,3,2,2\]\.$/,
    ],
    [
      'kernels and strides of different lengths',
      editJson('config.json', (c) => c.conv_stride.pop()),
      'UnsupportedModelError',
      /^The model "tone-ctc" has an unusable config\.json: it lists 7 conv kernels but 6 conv strides/,
    ],
    [
      'a sampling rate other than 16 kHz',
      editJson('preprocessor_config.json', (p) => (p.sampling_rate = 8000)),
      'UnsupportedModelError',
      /^The model "tone-ctc" expects 8000 Hz audio \(sampling_rate in its preprocessor_config\.json\); this app feeds 16 kHz only\.$/,
    ],
    [
      'a config whose strides do not match the graph',
      editJson('config.json', (c) => (c.conv_stride[6] = 3)),
      'UnsupportedModelError',
      /^The model "tone-ctc" gave 12 frames for 0\.25 s of audio where conv_kernel and conv_stride in its config\.json predict 8: the config does not describe this model\.$/,
    ],
    [
      'a tokenizer with fewer tokens than the logits',
      vocabWithout('Z'),
      'UnsupportedModelError',
      /^The model "tone-ctc" gives 32 scores per frame but its tokenizer has 31 tokens: the tokenizer does not belong to this model\.$/,
    ],
    [
      'a tokenizer with more tokens than the logits',
      (m) => {
        editJson('tokenizer.json', (t) => (t.model.vocab['@'] = 32))(m);
        editJson('vocab.json', (v) => (v['@'] = 32))(m);
      },
      'UnsupportedModelError',
      /^The model "tone-ctc" gives 32 scores per frame but its tokenizer has 33 tokens/,
    ],
    [
      'a config vocab_size that differs from the logits',
      editJson('config.json', (c) => (c.vocab_size = 40)),
      'UnsupportedModelError',
      /^The model "tone-ctc" gives 32 scores per frame but vocab_size in its config\.json is 40/,
    ],
    [
      'an HTML page where config.json should be',
      (m) => writeFileSync(path.join(m, 'config.json'), '<!doctype html><html><body>Transcriber</body></html>'),
      'ModelNotAFolderError',
      /^"tone-ctc" is not a model folder: a web page was served where its config\.json should be\.$/,
    ],
    [
      'a tokenizer that is not JSON',
      (m) => writeFileSync(path.join(m, 'tokenizer.json'), '{"version": "1.0", "model": {'),
      'ModelFileCorruptError',
      /^The model "tone-ctc" has a damaged tokenizer\.json: it is not valid JSON\.$/,
    ],
  ];

  it.each(cases)('%s', async (_what, breakIt, name, message) => {
    const error = await loadError(`${brokenCopy(breakIt)}/`);
    expect(error.name).toBe(name);
    expect(error.message).toMatch(message);
  });
});

describe('a model folder served over HTTP', () => {
  let server: Server;
  let origin: string;
  let folder: string;

  beforeAll(async () => {
    // Node keeps remote files in a cache folder: this test must neither read nor leave one.
    env.useFSCache = false;
    folder = brokenCopy((m) => unlinkSync(path.join(m, 'onnx/model.onnx')));
    const models = modelsDirMiddleware(folder);
    // Like the app's servers: /models/ is the folder, every other path is the single-page app.
    server = createServer((req, res) =>
      models(req, res, () => {
        res.setHeader('Content-Type', 'text/html');
        res.end('<!doctype html><html><body><div id="root"></div></body></html>');
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('names the file its server answered 404 for', async () => {
    const error = await loadError(`${origin}/models/`);
    expect(error.name).toBe('ModelFileMissingError');
    expect(error.message).toBe(`The model "tone-ctc" has no onnx/model.onnx: not found at ${origin}/models/tone-ctc/onnx/model.onnx.`);
  });

  it('says a page of the app is not a model folder', async () => {
    const error = await loadError(`${origin}/app/`);
    expect(error.name).toBe('ModelNotAFolderError');
    expect(error.message).toBe('"tone-ctc" is not a model folder: a web page was served where its config.json should be.');
  });

  it('says when the host does not answer at all', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await loadError(`http://127.0.0.1:${port}/models/`);
    expect(error.name).toBe('ModelHostUnreachableError');
    expect(error.message).toMatch(new RegExp(`^The model "tone-ctc" could not be downloaded: the request for config\\.json from 127\\.0\\.0\\.1:${port} got no answer \\(.+\\)\\.$`));
  });
});

describe('tone-ctc through transformers.js and ONNX Runtime', () => {
  let model: CtcModel;

  beforeAll(async () => {
    model = await CtcModel.load({ name: 'tone-ctc', localModelPath: `${MODELS_DIR}/` }, { device: 'cpu' });
  });

  it('declares what the preprocessing needs', () => {
    expect(model.info).toEqual({
      dtype: 'fp32',
      normalizes: true,
      attentionMask: 'none',
      // The one graph file it was made from.
      weightBytes: statSync(path.join(MODELS_DIR, 'tone-ctc/onnx/model.onnx')).size,
    });
    expect(model.geometry.hop).toBe(320);
  });

  it('runs a shorter last window at its own length in the same input buffer, with the frames of a padded run', async () => {
    expect(model.fixedShape).toBe(false);
    const samples = readWav16kMono(path.join(TONES, 'sentences', sentenceManifest()[0].file));
    const windowSamples = 4 * 16_000;
    const valid = 37_000;
    const window = new Float32Array(windowSamples);
    window.set(samples.subarray(0, valid));
    const frames = framesForSamples(model.geometry, valid);
    const padded = await model.logProbs(window, valid, 0, frames);
    const paddedData = padded.data.slice(0, padded.frames * padded.vocabSize);
    const held = model.heldTensorBytes;
    const short = await model.logProbs(window.subarray(0, valid), valid, 0, frames);
    expect(short.windowFrames).toBe(frames);
    expect(short.frames).toBe(frames);
    // Not bit for bit (ORT blocks its kernels by input size), but the same symbols, to rounding.
    const shortData = short.data.subarray(0, short.frames * short.vocabSize);
    const best = (data: Float32Array) =>
      Array.from({ length: frames }, (_, f) => data.subarray(f * short.vocabSize, (f + 1) * short.vocabSize).reduce((b, v, i, row) => (v > row[b] ? i : b), 0));
    expect(best(shortData)).toEqual(best(paddedData));
    expect(Math.max(...shortData.map((v, i) => Math.abs(v - paddedData[i])))).toBeLessThan(1e-3);
    expect(model.heldTensorBytes).toBe(held);
    // A full window again after the short one: full size, same buffer.
    expect((await model.logProbs(window, valid, 0, 0)).windowFrames).toBe(padded.windowFrames);
    expect(model.heldTensorBytes).toBe(held);
  });

  it.each(sentenceManifest())('one pass gives the exact text of $file', async ({ file, text: expected }) => {
    const samples = readWav16kMono(path.join(TONES, 'sentences', file));
    expect(text(await onePass(model, samples))).toBe(expected);
  });
});
