import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelsDirMiddleware } from '../../scripts/serveModelsDir.ts';

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const CONFIG = '{"model_type":"wav2vec2"}';
let tmp: string;
let root: string;
let server: Server;
let port: number;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'serve-models-'));
  // A file beside the served folder: what a traversal would reach.
  writeFileSync(path.join(tmp, 'secret.txt'), 'secret');
  root = path.join(tmp, 'models');
  mkdirSync(path.join(root, 'tone-ctc/onnx'), { recursive: true });
  writeFileSync(path.join(root, 'tone-ctc/config.json'), CONFIG);
  writeFileSync(path.join(root, 'tone-ctc/onnx/model.onnx'), Buffer.from('0123456789'));
  const middleware = modelsDirMiddleware(root);
  // What connect does with a thrown error or next(err) in development: a 500 with the stack.
  server = createServer((req, res) => {
    try {
      middleware(req, res, () => {
        res.statusCode = 418;
        res.end('passed on');
      });
    } catch (error) {
      res.statusCode = 500;
      res.end(error instanceof Error ? error.stack : String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(tmp, { recursive: true, force: true });
});

/** Sends the request line exactly as written: fetch would normalise `..` and reject `%00`. */
function raw(target: string, method = 'GET', extraHeaders = ''): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const split = text.indexOf('\r\n\r\n');
      const [statusLine, ...lines] = text.slice(0, split).split('\r\n');
      const headers = Object.fromEntries(
        lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
      );
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: text.slice(split + 4) });
    });
    socket.write(`${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${extraHeaders}\r\n`);
  });
}

describe('the MODELS_DIR middleware', () => {
  it('serves a model file with its type, size and validators', async () => {
    const response = await raw('/models/tone-ctc/config.json');
    expect(response.status).toBe(200);
    expect(response.body).toBe(CONFIG);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['content-length']).toBe(String(CONFIG.length));
    expect(response.headers.etag).toMatch(/^W\/"/);
  });

  it('answers byte ranges, HEAD and other methods', async () => {
    const range = await raw('/models/tone-ctc/onnx/model.onnx', 'GET', 'Range: bytes=2-4\r\n');
    expect([range.status, range.body, range.headers['content-range']]).toEqual([206, '234', 'bytes 2-4/10']);
    expect((await raw('/models/tone-ctc/onnx/model.onnx', 'GET', 'Range: bytes=20-\r\n')).status).toBe(416);
    const head = await raw('/models/tone-ctc/config.json', 'HEAD');
    expect([head.status, head.body]).toEqual([200, '']);
    expect((await raw('/models/tone-ctc/config.json', 'POST')).status).toBe(405);
  });

  it('passes every other path on to the next handler', async () => {
    expect((await raw('/index.html')).status).toBe(418);
    expect((await raw('/models')).status).toBe(418);
  });

  it.each([
    ['a missing file', 404, '/models/tone-ctc/onnx/model.onnx_data'],
    ['the folder itself', 404, '/models/'],
    ['a folder', 404, '/models/tone-ctc'],
    ['a file used as a folder', 404, '/models/tone-ctc/config.json/x'],
    ['a name too long for the file system', 404, `/models/${'a'.repeat(5000)}`],
    ['a NUL byte', 400, '/models/tone-ctc%00/config.json'],
    ['a NUL byte at the end', 400, '/models/tone-ctc/config.json%00'],
    ['malformed percent-encoding', 400, '/models/tone-ctc/%E0%A4%A/config.json'],
    ['a lone percent sign', 400, '/models/100%/config.json'],
    ['a parent segment', 400, '/models/../secret.txt'],
    ['a parent segment deeper in', 400, '/models/tone-ctc/../../secret.txt'],
    ['an encoded parent segment', 400, '/models/%2e%2e/secret.txt'],
    ['an encoded slash and parent', 400, '/models/tone-ctc%2f..%2f..%2fsecret.txt'],
    ['a backslash', 400, '/models/..%5csecret.txt'],
    ['an absolute path', 400, '/models//etc/passwd'],
    ['an encoded absolute path', 400, `/models/${encodeURIComponent(path.join(os.tmpdir(), 'secret.txt'))}`],
  ])('answers %s with a short %i and no machine detail', async (_what, status, target) => {
    const response = await raw(target);
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(response.body).toBe(status === 400 ? 'Bad request\n' : 'Not found\n');
  });

  it('never lets a request reach the file beside the folder', async () => {
    for (const target of ['/models/../secret.txt', '/models/%2e%2e/secret.txt', '/models/%2e%2e%2fsecret.txt']) {
      expect((await raw(target)).body).not.toContain('secret');
    }
  });
});
