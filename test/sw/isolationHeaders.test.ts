import { describe, expect, it } from 'vitest';
import { ISOLATION_HEADERS, withIsolationHeaders } from '../../src/sw/isolationHeaders.ts';

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
