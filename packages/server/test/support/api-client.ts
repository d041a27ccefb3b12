import { expect } from 'vitest';
import type { createApp } from '../../src/app.js';
import type { Queryable } from '../../src/db/database.js';
import { visitorToken } from './visitors.js';

/** One answer of the app: status, headers, parsed JSON (when it is JSON) and the raw text. */
export interface ApiAnswer {
  status: number;
  headers: Headers;
  json: any;
  text: string;
}

/** Options of one call: who asks (a named test visitor and/or admin key), the body, extra headers. */
export interface CallOptions {
  /** A named test visitor: sent as a valid visitor token, the same visitor for the same name. */
  voter?: string;
  adminKey?: string;
  /** Sent as `Idempotency-Key`. */
  idempotencyKey?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * Calls `/api/v1…` of an app in process; JSON bodies are serialised, strings sent as they are.
 * Named visitors get tokens signed with the secret in `db` when given (same name, same visitor
 * across apps), else one token each from `POST /visitors` of this app.
 */
export function apiClient(app: ReturnType<typeof createApp>, db?: Queryable) {
  const issued = new Map<string, Promise<string>>();
  const tokenFor = (name: string): Promise<string> => {
    if (db) return visitorToken(db, name);
    let token = issued.get(name);
    if (!token) {
      token = Promise.resolve(app.request('/api/v1/visitors', { method: 'POST' })).then(
        async (response: Response) => ((await response.json()) as { visitorToken: string }).visitorToken,
      );
      issued.set(name, token);
    }
    return token;
  };
  return async function call(method: string, path: string, options: CallOptions = {}): Promise<ApiAnswer> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.voter) headers['X-Sayso-Visitor'] = await tokenFor(options.voter);
    if (options.adminKey) headers.Authorization = `Bearer ${options.adminKey}`;
    if (options.idempotencyKey !== undefined) headers['Idempotency-Key'] = options.idempotencyKey;
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['Content-Type'] ??= 'application/json';
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    }
    const response = await app.request(`/api/v1${path}`, { method, headers, body });
    const text = await response.text();
    // A file (an export's CSV) is read as text only.
    const json = text && !/^text\/(csv|plain|html)/.test(response.headers.get('Content-Type') ?? '') ? JSON.parse(text) : undefined;
    return { status: response.status, headers: response.headers, json, text };
  };
}

/** Expects an error answer of the given status and code, shaped like every error. */
export async function expectError(request: Promise<ApiAnswer>, status: number, code: string) {
  const response = await request;
  expect({ status: response.status, body: response.json }).toEqual({
    status,
    body: { error: expect.objectContaining({ code, message: expect.any(String) }) },
  });
  expect(Object.keys(response.json.error).every((key) => ['code', 'message', 'details'].includes(key))).toBe(true);
  return response.json.error as { code: string; message: string; details?: Record<string, unknown> };
}
