import * as Comlink from 'comlink';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frameGeometryFromConfig } from '../../src/engine/asr/frameGeometry.ts';
import { windowSettings } from '../../src/engine/asr/windowSettings.ts';
import { MODEL_LOAD_FAILURES, ModelLoadError } from '../../src/engine/modelLoadError.ts';
import { checkSamplingRate, loadFailure } from '../../src/engine/worker/modelChecks.ts';
import { describeJobFailure, describeModelLoadError, describeTranscriptionError } from '../../src/jobs/describeError.ts';

/** `error` as the page receives it from the engine worker: through Comlink's own throw handler. */
function fromWorker(error: Error): Error {
  const handler = Comlink.transferHandlers.get('throw')!;
  const [wire] = handler.serialize({ value: error });
  try {
    handler.deserialize(structuredClone(wire));
  } catch (received) {
    return received as Error;
  }
  throw new Error('Comlink did not rethrow');
}

const thrown = (run: () => unknown): Error => {
  try {
    run();
  } catch (error) {
    return fromWorker(error as Error);
  }
  throw new Error('nothing was thrown');
};

const MODEL = '/models/tone-ctc';
const OFFLINE = /network is unreachable/;

describe('a model that cannot load', () => {
  it('names the missing file and the files a model folder needs', () => {
    const error = fromWorker(
      loadFailure(
        'tone-ctc',
        'config.json',
        Object.assign(new Error('Could not locate file: "http://127.0.0.1:4173/models/tone-ctc/config.json".'), { name: 'ModelFileNotFoundError', status: 404 }),
        '127.0.0.1:4173',
      ) as Error,
    );
    expect(describeModelLoadError(MODEL, error, true)).toBe(
      'The model "tone-ctc" has no config.json: not found at http://127.0.0.1:4173/models/tone-ctc/config.json. Check the Hub id (owner/name) or the URL: a model folder needs config.json, preprocessor_config.json, tokenizer.json and the onnx/model*.onnx file of the chosen dtype.',
    );
  });

  it('says a web page is not a model folder and what to enter instead', () => {
    const error = fromWorker(loadFailure('tone-ctc', 'config.json', new SyntaxError(`Unexpected token '<', "<!doctype "... is not valid JSON`), null) as Error);
    expect(describeModelLoadError(MODEL, error, true)).toBe(
      '"tone-ctc" is not a model folder: a web page was served where its config.json should be. Enter a Hugging Face Hub id (owner/name), or the URL of a folder in the transformers.js layout: config.json beside an onnx/ folder.',
    );
  });

  it('asks for a complete copy of a damaged file', () => {
    const error = fromWorker(new ModelLoadError('ModelFileCorruptError', 'The model "tone-ctc" has a damaged onnx/model.onnx: ONNX Runtime could not read it (Protobuf parsing failed).'));
    expect(describeModelLoadError(MODEL, error, true)).toMatch(
      /^The model "tone-ctc" has a damaged onnx\/model\.onnx: .*\(Protobuf parsing failed\)\. Replace the file with a complete copy, delete this model's cached files under Storage, and load it again\.$/,
    );
  });

  it('names what a model needs to be usable when it is not', () => {
    const error = thrown(() => checkSamplingRate('tone-ctc', { sampling_rate: 8000 }, 16_000));
    expect(describeModelLoadError(MODEL, error, true)).toBe(
      'The model "tone-ctc" expects 8000 Hz audio (sampling_rate in its preprocessor_config.json); this app feeds 16 kHz only. Choose a 16 kHz CTC speech checkpoint exported for transformers.js, such as Xenova/wav2vec2-base-960h.',
    );
  });

  it('never calls a model fault a network failure, offline or not', () => {
    for (const name of MODEL_LOAD_FAILURES.filter((n) => n !== 'ModelHostUnreachableError')) {
      const error = fromWorker(new ModelLoadError(name, `The model "tone-ctc" is broken in the ${name} way.`));
      for (const online of [true, false]) expect(describeModelLoadError(MODEL, error, online), name).not.toMatch(OFFLINE);
    }
    const htmlConfig = fromWorker(new SyntaxError(`Unexpected token '<', "<!doctype "... is not valid JSON`));
    expect(describeModelLoadError(MODEL, htmlConfig, false)).not.toMatch(OFFLINE);
  });

  it("blames the app's runtime files, not the network, when ONNX Runtime's .wasm does not load", () => {
    const raw = fromWorker(
      new Error('no available backend found. ERR: [wasm] TypeError: Failed to fetch dynamically imported module: http://127.0.0.1:4173/assets/ort-wasm-simd-threaded.asyncify-B1.mjs'),
    );
    expect(describeModelLoadError(MODEL, raw, true)).toMatch(/^Could not load the model "\/models\/tone-ctc": the speech runtime did not start \(no available backend found.*\)\. Reload the page; .*\.wasm and \.mjs files\.$/);
    expect(describeModelLoadError(MODEL, raw, false)).toMatch(/You are offline and this app's runtime files are not cached yet/);
    for (const online of [true, false]) expect(describeModelLoadError(MODEL, raw, online)).not.toMatch(OFFLINE);
    const named = fromWorker(new ModelLoadError('RuntimeUnavailableError', `The model "tone-ctc" could not start: ONNX Runtime's WebAssembly files did not load from this app (x).`));
    expect(describeModelLoadError(MODEL, named, true)).toMatch(/^The model "tone-ctc" could not start: .*\(x\)\. Reload the page/);
  });

  it('says the network is unreachable only for a download that got no answer while offline', () => {
    const unanswered = fromWorker(loadFailure('Xenova/wav2vec2-base-960h', 'config.json', new TypeError('Failed to fetch'), 'huggingface.co') as Error);
    expect(describeModelLoadError('Xenova/wav2vec2-base-960h', unanswered, false)).toBe(
      'Could not load the model "Xenova/wav2vec2-base-960h": the network is unreachable and the model is not cached on this device. It needs one online visit to be downloaded and cached (or self-host it with MODELS_DIR and use ?model=/models/<name>).',
    );
    const online = describeModelLoadError('Xenova/wav2vec2-base-960h', unanswered, true);
    expect(online).toMatch(/^The model "Xenova\/wav2vec2-base-960h" could not be downloaded: the request for config\.json from huggingface\.co got no answer \(Failed to fetch\)\. Check the address and the connection\./);
    expect(online).toMatch(/so a model anywhere else is blocked\.$/);
    expect(online).not.toMatch(OFFLINE);
    // A fetch failure that the worker did not name (an older worker, another code path).
    expect(describeModelLoadError('a/b', fromWorker(new TypeError('Failed to fetch')), false)).toMatch(OFFLINE);
    expect(describeModelLoadError('a/b', fromWorker(new TypeError('Failed to fetch')), true)).toMatch(/^Could not load the model "a\/b": a download got no answer \(Failed to fetch\), so the network or the model's host is unreachable/);
  });

  it('keeps out of memory and anything unknown apart', () => {
    expect(describeModelLoadError('a/b', fromWorker(new RangeError('Array buffer allocation failed')), true)).toMatch(/"a\/b": the browser ran out of memory/);
    expect(describeModelLoadError('a/b', fromWorker(new Error('weird')), false)).toBe('Could not load the model "a/b": weird');
  });
});

describe('a transcription that cannot run', () => {
  const geometry = frameGeometryFromConfig({});

  it.each([
    [0.5, 0.1, 'The window must be from 1 to 600 seconds; it is 0.5 s'],
    [20, -1, 'The stride must be from 0 to 30 seconds on each side; it is -1 s'],
    [4, 2, 'A 4 s window cannot have a 2 s stride on each side: the window must be longer than twice the stride'],
  ])('names the setting (a %s s window, %s s stride) and where to change it', (win, stride, cause) => {
    const error = thrown(() => windowSettings(geometry, win, stride));
    expect(describeJobFailure('talk.mp3', error)).toBe(`Transcribing "talk.mp3" did not start: ${cause}. Change it under Settings.`);
  });

  it('keeps the text so far for any other failure, in one sentence each', () => {
    expect(describeTranscriptionError('talk.mp3', fromWorker(new Error('The graph failed.')))).toBe('Transcribing "talk.mp3" failed: The graph failed. The text so far is kept.');
    expect(describeTranscriptionError('talk.mp3', fromWorker(new Error('Out of memory')))).toMatch(/ran out of memory\. Try a shorter window/);
  });

  it('passes audio input errors through as they are', () => {
    const audio = fromWorker(Object.assign(new Error('"x.wav" is not an audio or video file.'), { name: 'AudioInputError' }));
    expect(describeJobFailure('x.wav', audio)).toBe('"x.wav" is not an audio or video file.');
  });
});

it('never ends a message in "..", whatever the error says', () => {
  const names = fc.constantFrom('Error', 'TypeError', 'SyntaxError', 'WindowSettingsError', ...MODEL_LOAD_FAILURES);
  fc.assert(
    fc.property(names, fc.string(), fc.constantFrom('', '.', '..', '. ', '...'), fc.boolean(), (name, text, ending, online) => {
      const error = fromWorker(Object.assign(new Error(`${text}${ending}`), { name }));
      for (const message of [describeModelLoadError('m', error, online), describeJobFailure('f.wav', error)]) {
        expect(message).not.toMatch(/\.\.\s*$/);
      }
    }),
  );
});
