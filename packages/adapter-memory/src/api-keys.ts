import { SaysoError, type ApiKey, type ApiKeyKind, type SaysoAdminApi } from '@sayso/core';
import { nextTime } from './data.js';
import { invalid, type MemoryVisitor } from './visitor.js';

/** What each kind of key begins with, as the server's keys do. */
const KEY_PREFIX: Record<ApiKeyKind, string> = { admin: 'sayso_admin_', ingestion: 'sik_' };

/** The longest label a key may have, as the server allows. */
const LABEL_MAX = 100;

/**
 * API keys as a registry: the memory adapter acts for the admin it was created for whatever
 * keys exist, so a revoked key is only gone from the list. Secrets are made once and not kept.
 */
export function apiKeyOperations(visitor: MemoryVisitor): Pick<SaysoAdminApi, 'listApiKeys' | 'createApiKey' | 'revokeApiKey'> {
  const { data, settle, commit } = visitor;
  const kindOf = (kind: ApiKeyKind) => {
    if (!(kind in KEY_PREFIX)) throw invalid('kind must be admin or ingestion.', { field: 'kind' });
    return kind;
  };
  const keysOf = (kind: ApiKeyKind) => [...data.apiKeys.values()].filter((key) => key.kind === kindOf(kind));
  const listed = ({ kind: _kind, ...key }: ApiKey & { kind: ApiKeyKind }): ApiKey => key;

  return {
    listApiKeys: ({ kind }) => settle(() => keysOf(kind).map(listed)),

    createApiKey: ({ kind, label }) =>
      commit(() => {
        const trimmed = typeof label === 'string' ? label.trim() : '';
        if (!trimmed || trimmed.length > LABEL_MAX) {
          const message = trimmed ? `A label can have at most ${LABEL_MAX} characters.` : 'A key needs a label.';
          throw invalid(message, { problems: [{ field: 'label', message }] });
        }
        const secret = Array.from(crypto.getRandomValues(new Uint8Array(32)), (byte) => byte.toString(16).padStart(2, '0')).join('');
        const key = { id: `key-${data.apiKeys.size + 1}`, label: trimmed, createdAt: nextTime(data), kind: kindOf(kind) };
        data.apiKeys.set(key.id, key);
        return { ...listed(key), key: `${KEY_PREFIX[kind]}${secret}` };
      }),

    revokeApiKey: ({ kind, keyId }) =>
      commit(() => {
        const key = data.apiKeys.get(keyId);
        if (!key || key.kind !== kindOf(kind)) throw new SaysoError('not_found', `No active ${kind} key "${keyId}".`);
        data.apiKeys.delete(keyId);
        return listed(key);
      }),
  };
}
