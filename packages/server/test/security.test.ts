import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { Database } from '../src/db/database.js';
import { parseAllowedOrigins } from '../src/middleware/security.js';
import { testDatabases } from './support/databases.js';

const databases = testDatabases();
const site = mkdtempSync(join(tmpdir(), 'sayso-security-'));
afterAll(() => rmSync(site, { recursive: true, force: true }));

let db: Database;
beforeAll(async () => {
  db = await databases.open('pglite');
  mkdirSync(site, { recursive: true });
  writeFileSync(join(site, 'index.html'), '<!doctype html><title>host</title><script type="module" src="/sayso.js"></script>');
  writeFileSync(join(site, 'sayso.js'), 'export {};');
});

const preflight = (app: ReturnType<typeof createApp>, origin: string) =>
  app.request('/api/v1/boards/demo/posts', {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'content-type, x-sayso-voter, authorization, idempotency-key',
    },
  });

describe('CORS', () => {
  it('allows any origin by default, with the headers the adapter sends and reads', async () => {
    const app = createApp({ db });
    const answer = await preflight(app, 'https://customer.example');
    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    const allowed = answer.headers.get('access-control-allow-headers')!.toLowerCase().split(',');
    expect(allowed).toEqual(expect.arrayContaining(['content-type', 'x-sayso-visitor', 'authorization', 'idempotency-key', 'last-event-id']));
    expect(answer.headers.get('access-control-allow-methods')).toMatch(/PATCH/);
    const read = await app.request('/api/v1/boards', { headers: { Origin: 'https://customer.example' } });
    expect(read.headers.get('access-control-allow-origin')).toBe('*');
    expect(read.headers.get('access-control-expose-headers')!.toLowerCase()).toBe('retry-after,idempotent-replayed,content-disposition');
  });

  it('answers only the listed origins when given a list', async () => {
    const app = createApp({ db, allowedOrigins: ['https://app.example.com', 'http://localhost:5173'] });
    for (const origin of ['https://app.example.com', 'http://localhost:5173']) {
      const answer = await preflight(app, origin);
      expect(answer.headers.get('access-control-allow-origin')).toBe(origin);
      expect(answer.headers.get('vary')).toMatch(/Origin/);
      const read = await app.request('/api/v1/boards', { headers: { Origin: origin } });
      expect(read.headers.get('access-control-allow-origin')).toBe(origin);
    }
    for (const origin of ['https://evil.example', 'https://app.example.com.evil.example', 'http://app.example.com', 'null']) {
      expect((await preflight(app, origin)).headers.get('access-control-allow-origin')).toBeNull();
      const read = await app.request('/api/v1/boards', { headers: { Origin: origin } });
      expect(read.status).toBe(200); // the browser, not the server, withholds the answer
      expect(read.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('reads SAYSO_ALLOWED_ORIGINS', () => {
    expect(parseAllowedOrigins(undefined)).toEqual(['*']);
    expect(parseAllowedOrigins('  ')).toEqual(['*']);
    expect(parseAllowedOrigins('*')).toEqual(['*']);
    expect(parseAllowedOrigins('https://App.Example.com/, http://localhost:5173')).toEqual([
      'https://app.example.com',
      'http://localhost:5173',
    ]);
    for (const bad of ['app.example.com', 'https://app.example.com/path', 'ftp://x.example', 'https://']) {
      expect(() => parseAllowedOrigins(bad), bad).toThrow(/SAYSO_ALLOWED_ORIGINS/);
    }
  });
});

describe('security headers', () => {
  const app = () => createApp({ db, staticRoutes: [{ prefix: '/', dir: site }] });

  it('locks API answers down, errors included', async () => {
    for (const path of ['/api/v1/boards', '/api/v1/nothing']) {
      const answer = await app().request(path);
      expect(answer.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('x-frame-options')).toBe('DENY');
      expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
      expect(answer.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    }
  });

  it('lets pages run their scripts and other sites load the bundle', async () => {
    const page = await app().request('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBeNull();
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    const bundle = await app().request('/sayso.js', { headers: { Origin: 'https://customer.example' } });
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(bundle.headers.get('access-control-allow-origin')).toBe('*');
  });
});
