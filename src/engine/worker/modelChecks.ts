import { framesForSamples, frameGeometryFromConfig, type ConvConfig, type FrameGeometry } from '../asr/frameGeometry.ts';
import { ModelLoadError } from '../modelLoadError.ts';

// What CtcModel.load checks, and how it words what it finds: every message names the model and
// the file or setting at fault, so the page can show it as it is.

/** A message part without its closing full stop, to go inside a sentence. */
function clause(text: string): string {
  return text.trim().replace(/[.\s]+$/, '');
}

const detailOf = (error: unknown) => clause(error instanceof Error ? error.message : String(error));

/** The path or URL a transformers.js message quotes ("…not found locally at "/x/config.json"."). */
function quotedLocation(message: string): string | null {
  return /"([^"]*\/[^"]*)"/.exec(message)?.[1] ?? null;
}

/** A fetch that got no answer: Chromium, Firefox, Safari and Node word it differently. */
function isNetworkFailure(error: unknown): boolean {
  return error instanceof TypeError && /failed to fetch|networkerror|load failed|fetch failed|network/i.test(error.message);
}

/**
 * Turns what transformers.js or ONNX Runtime threw while reading `file` of `model` into a
 * ModelLoadError, or returns the error unchanged when it is none of the known failures.
 * `host` is where remote files come from (null for a folder on disk).
 */
export function loadFailure(model: string, file: string, error: unknown, host: string | null): unknown {
  const message = error instanceof Error ? error.message : String(error);
  const name = error instanceof Error ? error.name : '';
  const cause = { cause: error };
  if (name === 'ModelFileNotFoundError' || /could not locate file/i.test(message)) {
    const where = quotedLocation(message);
    const status = (error as { status?: unknown }).status;
    const reason = status === 401 || status === 403 ? `the server refused access (HTTP ${status})` : 'not found';
    return new ModelLoadError(
      'ModelFileMissingError',
      `The model "${model}" has no ${where === null ? file : fileIn(where, file)}: ${reason}${where === null ? '' : ` at ${where}`}.`,
      cause,
    );
  }
  if (isNetworkFailure(error)) {
    const from = host === null ? '' : ` from ${host}`;
    return new ModelLoadError(
      'ModelHostUnreachableError',
      `The model "${model}" could not be downloaded: the request for ${file}${from} got no answer (${clause(message)}).`,
      cause,
    );
  }
  if (error instanceof SyntaxError || name === 'SyntaxError') {
    if (file === 'config.json') {
      const html = /'<'|"<|<!doctype|<html/i.test(message);
      return new ModelLoadError(
        'ModelNotAFolderError',
        `"${model}" is not a model folder: ${html ? 'a web page was served where its config.json should be' : 'its config.json is not JSON'}.`,
        cause,
      );
    }
    return new ModelLoadError('ModelFileCorruptError', `The model "${model}" has a damaged ${file}: it is not valid JSON.`, cause);
  }
  if (/no available backend|ort-wasm|\.wasm\b|fetching of the wasm|wasm streaming/i.test(message)) {
    return new ModelLoadError(
      'RuntimeUnavailableError',
      `The model "${model}" could not start: ONNX Runtime's WebAssembly files did not load from this app (${clause(message)}).`,
      cause,
    );
  }
  if (/protobuf|parsing failed|modelproto|failed to load model|invalid model|can't create a session/i.test(message)) {
    const detail = clause(message.replace(/^.*(ERROR_MESSAGE: |failed:)/s, ''));
    return new ModelLoadError(
      'ModelFileCorruptError',
      `The model "${model}" has a damaged ${file}: ONNX Runtime could not read it (${detail}).`,
      cause,
    );
  }
  return error;
}

/** `where` relative to the model folder when it lies inside it (`…/tone-ctc/onnx/model.onnx` → `onnx/model.onnx`). */
function fileIn(where: string, fallback: string): string {
  const match = /\/(onnx\/[^/]+|[^/]+\.(?:json|txt|onnx(?:_data(?:_\d+)?)?))$/.exec(where);
  return match?.[1] ?? fallback;
}

const unsupported = (model: string, text: string) => new ModelLoadError('UnsupportedModelError', `The model "${model}" ${text}.`);

/** config.json must declare a model type that transformers.js runs as CTC (`ctcTypes`). */
export function checkModelType(model: string, config: { model_type?: unknown }, ctcTypes: readonly string[]): void {
  const type = config.model_type;
  if (typeof type !== 'string' || type === '') {
    throw unsupported(model, `has no model_type in its config.json, so it is not a CTC speech model`);
  }
  if (!ctcTypes.includes(type)) {
    throw unsupported(model, `is not a CTC speech model: its config.json says model_type "${type}", where a CTC model is one of ${ctcTypes.join(', ')}`);
  }
}

/**
 * The frame geometry of config.json, which must state its conv layers itself: a guessed default
 * that is wrong for this model misplaces every timestamp without any error.
 */
export function geometryOf(model: string, config: ConvConfig): FrameGeometry {
  const missing = (['conv_kernel', 'conv_stride'] as const).filter((key) => config[key] === undefined);
  if (missing.length > 0) {
    throw unsupported(model, `has no ${missing.join(' or ')} in its config.json: the time of its output frames cannot be known`);
  }
  try {
    return frameGeometryFromConfig(config);
  } catch (error) {
    throw unsupported(model, `has an unusable config.json: ${detailOf(error)}`);
  }
}

/** The app feeds 16 kHz audio; a model trained on another rate would hear it at the wrong speed. */
export function checkSamplingRate(model: string, preprocessor: { sampling_rate?: unknown }, sampleRate: number): void {
  const rate = preprocessor.sampling_rate;
  if (rate !== undefined && rate !== sampleRate) {
    throw unsupported(
      model,
      `expects ${JSON.stringify(rate)} Hz audio (sampling_rate in its preprocessor_config.json); this app feeds ${sampleRate / 1000} kHz only`,
    );
  }
}

/** A vocabulary that the tokenizer could not build (no blank token, …), named for the model. */
export function vocabularyFailure(model: string, error: unknown): ModelLoadError {
  const detail = detailOf(error);
  return unsupported(model, `cannot be decoded: ${detail.charAt(0).toLowerCase()}${detail.slice(1)}`);
}

export interface ProbeResult {
  readonly samples: number;
  readonly windowFrames: number;
  readonly vocabSize: number;
}

/**
 * The model's real output for a probe window against what its files say: the frame count its
 * conv layers predict, the size of its tokenizer and the vocab_size of its config.
 */
export function checkProbe(
  model: string,
  probe: ProbeResult,
  expected: { geometry: FrameGeometry; tokens: number; configVocabSize: unknown },
  sampleRate: number,
): void {
  const frames = framesForSamples(expected.geometry, probe.samples);
  if (probe.windowFrames !== frames) {
    throw unsupported(
      model,
      `gave ${probe.windowFrames} frames for ${probe.samples / sampleRate} s of audio where conv_kernel and conv_stride in its config.json predict ${frames}: the config does not describe this model`,
    );
  }
  if (probe.vocabSize !== expected.tokens) {
    throw unsupported(
      model,
      `gives ${probe.vocabSize} scores per frame but its tokenizer has ${expected.tokens} tokens: the tokenizer does not belong to this model`,
    );
  }
  if (typeof expected.configVocabSize === 'number' && expected.configVocabSize !== probe.vocabSize) {
    throw unsupported(
      model,
      `gives ${probe.vocabSize} scores per frame but vocab_size in its config.json is ${expected.configVocabSize}: the config does not describe this model`,
    );
  }
}

/** A token as tokenizer_config.json writes it: a string, or an AddedToken object. */
function tokenText(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  const content = (value as { content?: unknown } | null)?.content;
  return typeof content === 'string' && content !== '' ? content : undefined;
}

/**
 * The CTC blank (the pad token), word delimiter and special tokens that a Wav2Vec2CTCTokenizer's
 * config declares; what it leaves out keeps ctcVocabulary's defaults (`<pad>`, `|`, `<s>`…).
 */
export function ctcTokensOf(config: Record<string, unknown> | undefined): {
  blankToken?: string;
  delimiterToken?: string;
  specialTokens?: string[];
} {
  const specials = ['bos_token', 'eos_token', 'unk_token'].map((key) => tokenText(config?.[key])).filter((t) => t !== undefined);
  return {
    blankToken: tokenText(config?.pad_token),
    delimiterToken: tokenText(config?.word_delimiter_token),
    specialTokens: specials.length > 0 ? specials : undefined,
  };
}
