import { createReadStream, statSync, type Stats } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { Plugin } from 'vite';

/** URL prefix under which a local models folder is served, e.g. `/models/tone-ctc/config.json`. */
export const MODELS_URL_PREFIX = '/models/';

// Only the file types a transformers.js model folder contains; anything else is sent as bytes.
const CONTENT_TYPES: Record<string, string> = {
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.onnx': 'application/octet-stream',
  '.onnx_data': 'application/octet-stream',
  '.bin': 'application/octet-stream',
};

type Range = { start: number; end: number };

/** Parses a single `bytes=a-b` / `bytes=a-` / `bytes=-n` range; null when absent, 'invalid' when unsatisfiable. */
function parseRange(header: string | undefined, size: number): Range | null | 'invalid' {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  // Multi-range requests are legal to ignore: the full body is a valid answer.
  if (!match) return null;
  const [, from, to] = match;
  let start: number;
  let end: number;
  if (from === '') {
    if (to === '') return 'invalid';
    start = Math.max(0, size - Number(to));
    end = size - 1;
  } else {
    start = Number(from);
    end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  }
  if (start > end || start >= size) return 'invalid';
  return { start, end };
}

type Lookup = { file: string; stats: Stats } | { status: 400 | 404 };

/**
 * Resolves a request path below the prefix to a regular file inside `root`. A path that no model
 * folder can contain (malformed percent-encoding, NUL, `..`, a backslash, an absolute path) is a
 * 400; a well-formed path to nothing is a 404. File-system errors are never thrown to the server,
 * whose error page would show a stack trace with this machine's paths.
 */
function lookUp(root: string, urlPath: string): Lookup {
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath.slice(MODELS_URL_PREFIX.length));
  } catch {
    return { status: 400 };
  }
  const segments = relative.split('/');
  if (/[\0\\]/.test(relative) || relative.startsWith('/') || segments.includes('..')) return { status: 400 };
  const file = path.join(root, ...segments);
  // Without `..` only the folder itself (`/models/`) can fall outside: not a file.
  if (!file.startsWith(root + path.sep)) return { status: 404 };
  let stats: Stats | undefined;
  try {
    stats = statSync(file, { throwIfNoEntry: false });
  } catch {
    // ENAMETOOLONG, ENOTDIR, EACCES...: nothing the client may read.
    return { status: 404 };
  }
  return stats?.isFile() ? { file, stats } : { status: 404 };
}

const PLAIN_BODIES = { 400: 'Bad request\n', 404: 'Not found\n' } as const;

function answerPlain(res: ServerResponse, status: 400 | 404): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.end(PLAIN_BODIES[status]);
}

/**
 * Connect middleware serving `root` at {@link MODELS_URL_PREFIX}. Missing files answer 404 at once
 * (transformers.js probes optional files such as `onnx/model.onnx_data`), so the SPA fallback never
 * turns a missing model file into index.html.
 */
export function modelsDirMiddleware(root: string) {
  const absoluteRoot = path.resolve(root);
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const urlPath = (req.url ?? '').split('?')[0] ?? '';
    if (!urlPath.startsWith(MODELS_URL_PREFIX)) return next();

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.statusCode = 405;
      res.setHeader('Allow', 'GET, HEAD');
      res.end();
      return;
    }
    const found = lookUp(absoluteRoot, urlPath);
    if ('status' in found) return answerPlain(res, found.status);

    const { file, stats } = found;
    const etag = `W/"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`;
    res.setHeader('Content-Type', CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream');
    res.setHeader('Accept-Ranges', 'bytes');
    res.setHeader('Last-Modified', stats.mtime.toUTCString());
    res.setHeader('ETag', etag);
    // Model files change when someone replaces them locally: always revalidate.
    res.setHeader('Cache-Control', 'no-cache');

    if (req.headers['if-none-match'] === etag) {
      res.statusCode = 304;
      res.end();
      return;
    }

    const range = parseRange(req.headers.range, stats.size);
    if (range === 'invalid') {
      res.statusCode = 416;
      res.setHeader('Content-Range', `bytes */${stats.size}`);
      res.end();
      return;
    }
    const { start, end } = range ?? { start: 0, end: stats.size - 1 };
    res.statusCode = range ? 206 : 200;
    if (range) res.setHeader('Content-Range', `bytes ${start}-${end}/${stats.size}`);
    res.setHeader('Content-Length', String(Math.max(0, end - start + 1)));

    if (req.method === 'HEAD' || stats.size === 0) {
      res.end();
      return;
    }
    const stream = createReadStream(file, { start, end });
    // Headers are gone by then: a read error can only cut the response short.
    stream.on('error', () => res.destroy());
    res.on('close', () => stream.destroy());
    stream.pipe(res);
  };
}

/** Vite plugin: serves `root` at `/models/` in both `vite` (dev) and `vite preview`. */
export function serveModelsDir(root: string): Plugin {
  const stats = statSync(root, { throwIfNoEntry: false });
  if (!stats?.isDirectory()) {
    throw new Error(`MODELS_DIR=${root} is not a directory`);
  }
  const middleware = modelsDirMiddleware(root);
  return {
    name: 'serve-models-dir',
    configureServer(server) {
      server.middlewares.use(middleware);
    },
    configurePreviewServer(server) {
      server.middlewares.use(middleware);
    },
  };
}
