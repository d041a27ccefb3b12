import { VISITOR_TOKEN_STORAGE_KEY, type VisitorTokenStorage } from '../src/index.js';

/** An in-memory stand-in for localStorage, optionally holding a visitor token already. */
export function memoryStorage(token?: string): VisitorTokenStorage & { data: Map<string, string> } {
  const data = new Map<string, string>(token ? [[VISITOR_TOKEN_STORAGE_KEY, token]] : []);
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

/** Storage holding a fresh visitor token of the server at `baseUrl`. */
export async function visitorStorage(baseUrl: string): Promise<VisitorTokenStorage & { data: Map<string, string> }> {
  const response = await fetch(`${baseUrl}/api/v1/visitors`, { method: 'POST' });
  return memoryStorage(((await response.json()) as { visitorToken: string }).visitorToken);
}
