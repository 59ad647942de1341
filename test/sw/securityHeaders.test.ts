import { describe, expect, it } from 'vitest';
import { withIsolationHeaders } from '../../src/sw/isolationHeaders.ts';
import { contentSecurityPolicy, HUB_ORIGINS, modelOrigins, plainHost, securityHeaders } from '../../src/sw/securityHeaders.ts';

/** Directive name → its sources, as a browser splits a serialized policy. */
function directives(policy: string): Map<string, string[]> {
  const parsed = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    expect(parsed.has(name), `${name} appears once`).toBe(false);
    parsed.set(name, sources);
  }
  return parsed;
}

describe('the production Content Security Policy', () => {
  const policy = directives(contentSecurityPolicy({ modelOrigins: modelOrigins(undefined) }));

  it('runs scripts and workers from the app only, with WebAssembly but no eval or inline code', () => {
    expect(policy.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(policy.get('worker-src')).toEqual(["'self'"]);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('style-src')).toEqual(["'self'"]);
  });

  it('connects to the app and the Hugging Face Hub with its download hosts, nothing else', () => {
    expect(policy.get('connect-src')).toEqual(["'self'", ...HUB_ORIGINS]);
    expect(HUB_ORIGINS).toContain('https://huggingface.co');
    for (const origin of HUB_ORIGINS) expect(new URL(origin).origin).toBe(origin);
    for (const origin of HUB_ORIGINS) expect(new URL(origin).hostname).toMatch(/(^|\.)(huggingface\.co|hf\.co)$/);
  });

  it('plays media from blob: URLs and embeds, frames and posts nothing', () => {
    expect(policy.get('media-src')).toEqual(["'self'", 'blob:']);
    expect(policy.get('img-src')).toEqual(["'self'"]);
    for (const name of ['object-src', 'base-uri', 'form-action', 'frame-ancestors']) expect(policy.get(name)).toEqual(["'none'"]);
  });

  it('is sent with nosniff and no referrer', () => {
    const headers = securityHeaders({ modelOrigins: HUB_ORIGINS });
    expect(headers).toEqual({
      'Content-Security-Policy': contentSecurityPolicy({ modelOrigins: HUB_ORIGINS }),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
  });
});

describe('the dev server policy', () => {
  it('admits inline scripts and styles and the HMR socket of the requested host only', () => {
    const policy = directives(contentSecurityPolicy({ modelOrigins: [], devServer: { host: '127.0.0.1:5173' } }));
    expect(policy.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'", "'unsafe-inline'"]);
    expect(policy.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:5173']);
  });

  it('names no socket host when the Host header is not a plain host', () => {
    expect(plainHost('127.0.0.1:5173')).toBe('127.0.0.1:5173');
    expect(plainHost('[::1]:5173')).toBe('[::1]:5173');
    expect(plainHost('localhost')).toBe('localhost');
    expect(plainHost("x; script-src 'unsafe-eval'")).toBeNull();
    expect(plainHost('a b')).toBeNull();
    expect(plainHost(undefined)).toBeNull();
    const policy = directives(contentSecurityPolicy({ modelOrigins: [], devServer: { host: plainHost('x; y') } }));
    expect(policy.get('connect-src')).toEqual(["'self'"]);
  });
});

describe('VITE_MODEL_HOST', () => {
  it('is the Hub by default, the app alone with "self", or one origin', () => {
    expect(modelOrigins(undefined)).toBe(HUB_ORIGINS);
    expect(modelOrigins(' hub ')).toBe(HUB_ORIGINS);
    expect(modelOrigins('self')).toEqual([]);
    expect(modelOrigins('https://models.example.org')).toEqual(['https://models.example.org']);
    expect(modelOrigins('http://127.0.0.1:8080/')).toEqual(['http://127.0.0.1:8080']);
  });

  it.each(['models.example.org', 'https://models.example.org/models/', 'ftp://models.example.org', "https://x.org 'unsafe-eval'"])(
    'rejects %s, naming the accepted forms',
    (value) => {
      expect(() => modelOrigins(value)).toThrow(/VITE_MODEL_HOST=.*"hub", "self" or an origin/);
    },
  );
});

describe('the service worker', () => {
  const defaults = securityHeaders({ modelOrigins: HUB_ORIGINS });

  it('adds the security headers to a response that has none', () => {
    const served = withIsolationHeaders(new Response('<!doctype html>', { headers: { 'Content-Type': 'text/html' } }), defaults);
    for (const [name, value] of Object.entries(defaults)) expect(served.headers.get(name)).toBe(value);
    expect(served.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
  });

  it("keeps a policy the host sent itself", () => {
    const strict = "default-src 'none'";
    const served = withIsolationHeaders(new Response('', { headers: { 'Content-Security-Policy': strict } }), defaults);
    expect(served.headers.get('content-security-policy')).toBe(strict);
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
