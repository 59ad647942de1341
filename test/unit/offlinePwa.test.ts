import { describe, expect, it } from 'vitest';
import { ISOLATION_HEADERS, withIsolationHeaders } from '../../src/sw/isolationHeaders.ts';
import { offlineSupportText } from '../../src/features/offline/pwaStore.ts';
import { isolationReload, pageActivity, reloadButton, type PageActivity } from '../../src/features/offline/reloadPolicy.ts';
import { useJobStore, type JobsState } from '../../src/jobs/jobStore.ts';
import { contentLength, groupCachedModels, modelLabelOf } from '../../src/features/offline/cachedModels.ts';
import { persistenceText } from '../../src/features/offline/storageFacts.ts';

const idle: PageActivity = { status: 'idle', jobRunning: false, hasTranscript: false, queued: 0 };

describe('service worker isolation headers', () => {
  it('adds COOP/COEP/CORP and keeps status, other headers and body', async () => {
    const original = new Response('<!doctype html>', {
      status: 203,
      statusText: 'Partial',
      headers: { 'Content-Type': 'text/html', 'Cross-Origin-Embedder-Policy': 'unsafe-none' },
    });
    const wrapped = withIsolationHeaders(original);
    expect(wrapped.status).toBe(203);
    expect(wrapped.statusText).toBe('Partial');
    expect(wrapped.headers.get('content-type')).toBe('text/html');
    for (const [name, value] of Object.entries(ISOLATION_HEADERS)) expect(wrapped.headers.get(name)).toBe(value);
    expect(await wrapped.text()).toBe('<!doctype html>');
  });

  it('passes through responses whose headers cannot be rewritten', () => {
    const error = Response.error();
    expect(withIsolationHeaders(error)).toBe(error);
  });

  it('wraps bodiless answers such as 304', () => {
    expect(withIsolationHeaders(new Response(null, { status: 304 })).headers.get('cross-origin-opener-policy')).toBe('same-origin');
  });
});

describe('reload policy', () => {
  it('reloads for isolation only when nothing would be lost, once', () => {
    expect(isolationReload(idle, false)).toBe('reload');
    expect(isolationReload({ ...idle, status: 'error' }, false)).toBe('reload');
    expect(isolationReload(idle, true)).toBe('none');
  });

  it('waits for a model download, a job or queued files', () => {
    expect(isolationReload({ ...idle, status: 'loading-model' }, false)).toBe('wait');
    expect(isolationReload({ ...idle, status: 'transcribing', jobRunning: true, hasTranscript: true }, false)).toBe('wait');
    expect(isolationReload({ ...idle, queued: 2 }, false)).toBe('wait');
  });

  it('asks when a transcript is on screen', () => {
    expect(isolationReload({ ...idle, status: 'done', hasTranscript: true }, false)).toBe('ask');
    expect(isolationReload({ ...idle, status: 'cancelled', hasTranscript: true }, false)).toBe('ask');
  });

  it('disables the reload button during work and warns about transcripts', () => {
    expect(reloadButton(idle)).toEqual({ enabled: true, note: null });
    expect(reloadButton({ ...idle, status: 'transcribing', jobRunning: true, hasTranscript: true }).enabled).toBe(false);
    expect(reloadButton({ ...idle, status: 'loading-model' }).enabled).toBe(false);
    const done = reloadButton({ ...idle, status: 'done', hasTranscript: true });
    expect(done.enabled).toBe(true);
    expect(done.note).toMatch(/clears the transcripts.*export/);
  });

  it('reads the activity from the app state', () => {
    const state: JobsState = {
      ...useJobStore.getState(),
      status: { state: 'transcribing', message: '' },
      queue: [{ id: 2, file: new File([], 'b.wav') }],
      job: { id: 1, kind: 'file', source: 'a.wav', words: [], pending: null, durationSeconds: null, progress: null, warning: null, outcome: 'running' },
    };
    expect(pageActivity(state)).toEqual({ status: 'transcribing', jobRunning: true, hasTranscript: true, queued: 1 });
    expect(pageActivity(useJobStore.getState())).toMatchObject({ jobRunning: false, hasTranscript: false, queued: 0 });
  });
});

describe('cached models', () => {
  const origin = 'http://127.0.0.1:4173';

  it('names a cached file by the model the user would type', () => {
    expect(modelLabelOf('https://huggingface.co/Xenova/wav2vec2-base-960h/resolve/main/onnx/model_quantized.onnx', origin)).toBe(
      'Xenova/wav2vec2-base-960h',
    );
    expect(modelLabelOf('https://huggingface.co/Xenova/wav2vec2-base-960h/resolve/v1.0/config.json', origin)).toBe('Xenova/wav2vec2-base-960h@v1.0');
    expect(modelLabelOf(`${origin}/models/tone-ctc/config.json`, origin)).toBe('/models/tone-ctc');
    expect(modelLabelOf(`${origin}/models/tone-ctc/onnx/model.onnx`, origin)).toBe('/models/tone-ctc');
    expect(modelLabelOf('https://cdn.example/m/x/onnx/model_q8.onnx', origin)).toBe('https://cdn.example/m/x');
  });

  it('groups files into models with their sizes, largest first', () => {
    const models = groupCachedModels(
      [
        { url: `${origin}/models/tone-ctc/config.json`, bytes: 706 },
        { url: 'https://huggingface.co/a/b/resolve/main/onnx/model_quantized.onnx', bytes: 95_000_000 },
        { url: `${origin}/models/tone-ctc/onnx/model.onnx`, bytes: 92_740 },
        { url: 'https://huggingface.co/a/b/resolve/main/config.json', bytes: null },
      ],
      origin,
    );
    expect(models).toEqual([
      {
        label: 'a/b',
        urls: ['https://huggingface.co/a/b/resolve/main/onnx/model_quantized.onnx', 'https://huggingface.co/a/b/resolve/main/config.json'],
        bytes: 95_000_000,
        unsized: 1,
      },
      { label: '/models/tone-ctc', urls: [`${origin}/models/tone-ctc/config.json`, `${origin}/models/tone-ctc/onnx/model.onnx`], bytes: 93_446, unsized: 0 },
    ]);
    expect(groupCachedModels([], origin)).toEqual([]);
  });

  it('reads Content-Length strictly', () => {
    expect(contentLength('92740')).toBe(92_740);
    expect(contentLength(' 0 ')).toBe(0);
    expect(contentLength(null)).toBeNull();
    expect(contentLength('12abc')).toBeNull();
    expect(contentLength('-1')).toBeNull();
  });
});

describe('storage and offline words', () => {
  it('says what persistence means for cached models', () => {
    expect(persistenceText('granted')).toMatch(/granted.*keeps cached models/);
    expect(persistenceText('not-granted')).toMatch(/not granted.*evict/);
    expect(persistenceText('unsupported')).toMatch(/evict/);
  });

  it('says whether the app works offline, and why not', () => {
    expect(offlineSupportText('ready', null)).toMatch(/ready.*without a network/);
    expect(offlineSupportText('dev-server', null)).toMatch(/dev server/);
    expect(offlineSupportText('failed', 'SecurityError')).toMatch(/could not be installed \(SecurityError\)/);
  });
});
