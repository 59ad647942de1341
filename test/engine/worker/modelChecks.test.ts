import { describe, expect, it } from 'vitest';
import { ctcVocabulary } from '../../../src/engine/asr/ctcVocabulary.ts';
import { ctcTokensOf, loadFailure } from '../../../src/engine/worker/modelChecks.ts';

// The browser words its failures differently from Node (where ctcModel.model.test.ts loads real
// broken models): these are the errors transformers.js, ONNX Runtime Web and fetch throw there.

function notFound(message: string, status: number): Error {
  return Object.assign(new Error(message), { name: 'ModelFileNotFoundError', status });
}

const HOST = '127.0.0.1:4173';
const BASE = `http://${HOST}/models/tone-ctc`;

describe('load failures in the browser', () => {
  it('names the file a server answered 404 for, from the URL transformers.js quotes', () => {
    const error = loadFailure('tone-ctc', 'onnx/model.onnx', notFound(`Could not locate file: "${BASE}/onnx/model_quantized.onnx".`, 404), HOST);
    expect(error).toMatchObject({
      name: 'ModelFileMissingError',
      message: `The model "tone-ctc" has no onnx/model_quantized.onnx: not found at ${BASE}/onnx/model_quantized.onnx.`,
    });
  });

  it('tells a refused file (a gated or private Hub model) from a missing one', () => {
    const url = 'https://huggingface.co/owner/gated/resolve/main/config.json';
    const error = loadFailure('owner/gated', 'config.json', notFound(`Unauthorized access to file: "${url}".`, 401), 'huggingface.co');
    expect(error).toMatchObject({
      name: 'ModelFileMissingError',
      message: `The model "owner/gated" has no config.json: the server refused access (HTTP 401) at ${url}.`,
    });
  });

  it.each(['Failed to fetch', 'NetworkError when attempting to fetch resource.', 'Load failed'])(
    'calls a fetch that got no answer (%s) unreachable, naming file and host',
    (text) => {
      const error = loadFailure('Xenova/wav2vec2-base-960h', 'config.json', new TypeError(text), 'huggingface.co');
      expect(error).toMatchObject({
        name: 'ModelHostUnreachableError',
        message: `The model "Xenova/wav2vec2-base-960h" could not be downloaded: the request for config.json from huggingface.co got no answer (${text.replace(/\.$/, '')}).`,
      });
    },
  );

  it("does not mistake ONNX Runtime's missing .wasm for a network failure or a model fault", () => {
    const ort = new Error(
      'no available backend found. ERR: [wasm] TypeError: Failed to fetch dynamically imported module: http://127.0.0.1:4173/assets/ort-wasm-simd-threaded.asyncify-Bq1.mjs',
    );
    const error = loadFailure('tone-ctc', 'onnx/model.onnx', ort, HOST);
    expect(error).toMatchObject({ name: 'RuntimeUnavailableError' });
    expect((error as Error).message).toMatch(/^The model "tone-ctc" could not start: ONNX Runtime's WebAssembly files did not load from this app \(no available backend found/);
  });

  it("reads a damaged graph from ONNX Runtime Web's session error", () => {
    const ort = new Error("Can't create a session. ERROR_CODE: 7, ERROR_MESSAGE: Failed to load model because protobuf parsing failed.");
    expect(loadFailure('tone-ctc', 'onnx/model.onnx', ort, HOST)).toMatchObject({
      name: 'ModelFileCorruptError',
      message: 'The model "tone-ctc" has a damaged onnx/model.onnx: ONNX Runtime could not read it (Failed to load model because protobuf parsing failed).',
    });
  });

  it("says a config.json that is not JSON is not a model folder, in Firefox's words too", () => {
    const firefox = new SyntaxError('JSON.parse: unexpected character at line 1 column 1 of the JSON data');
    expect(loadFailure('x', 'config.json', firefox, HOST)).toMatchObject({
      name: 'ModelNotAFolderError',
      message: '"x" is not a model folder: its config.json is not JSON.',
    });
    const chromium = new SyntaxError(`Unexpected token '<', "<!doctype "... is not valid JSON`);
    expect((loadFailure('x', 'config.json', chromium, HOST) as Error).message).toBe(
      '"x" is not a model folder: a web page was served where its config.json should be.',
    );
  });

  it('leaves any other error as it is', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'dims')");
    expect(loadFailure('tone-ctc', 'onnx/model.onnx', bug, HOST)).toBe(bug);
    const oom = new RangeError('Array buffer allocation failed');
    expect(loadFailure('tone-ctc', 'onnx/model.onnx', oom, HOST)).toBe(oom);
  });
});

describe("the tokenizer's own CTC tokens", () => {
  const vocab = new Map(['[PAD]', '[UNK]', '|', 'A'].map((token, id) => [token, id]));

  it('takes the blank and the special tokens from tokenizer_config.json', () => {
    const tokens = ctcTokensOf({ pad_token: '[PAD]', unk_token: { __type: 'AddedToken', content: '[UNK]' }, word_delimiter_token: '|' });
    expect(tokens).toEqual({ blankToken: '[PAD]', delimiterToken: '|', specialTokens: ['[UNK]'] });
    const vocabulary = ctcVocabulary(vocab, tokens);
    expect([vocabulary.blankId, vocabulary.delimiterId, [...vocabulary.specialIds]]).toEqual([0, 2, [1]]);
  });

  it("keeps the Wav2Vec2 defaults where the config is silent, and so finds no blank in this vocabulary", () => {
    expect(ctcTokensOf({})).toEqual({ blankToken: undefined, delimiterToken: undefined, specialTokens: undefined });
    expect(() => ctcVocabulary(vocab, ctcTokensOf(undefined))).toThrow('The tokenizer has no CTC blank token "<pad>".');
  });
});
