import { expect, it } from 'vitest';
import type { ApiKeyKind } from '../../types.js';
import { refusedFields, rejectsWith, type SuiteArea } from '../suite.js';

/** API keys of both kinds as the console's settings manage them: the secret shown once, revoked keys gone. */
export const apiKeys: SuiteArea = {
  name: 'api keys',
  needs: ['admin'],
  tests: (suite) => {
    it.each<[ApiKeyKind, RegExp]>([
      ['admin', /^sayso_admin_/],
      ['ingestion', /^sik_/],
    ])('creates %s keys with their secret shown once, lists them without it, and revokes them', async (kind, prefix) => {
      const { admin } = suite.admin();
      const created = await admin.createApiKey({ kind, label: '  Zapier import  ' });
      expect(created).toMatchObject({ label: 'Zapier import' });
      expect(created.key).toMatch(prefix);
      const listed = (await admin.listApiKeys({ kind })).find((key) => key.id === created.id);
      expect(listed).toEqual({ id: created.id, label: 'Zapier import', createdAt: created.createdAt });
      // Each kind lists its own keys only.
      const other: ApiKeyKind = kind === 'admin' ? 'ingestion' : 'admin';
      expect((await admin.listApiKeys({ kind: other })).some((key) => key.id === created.id)).toBe(false);
      await rejectsWith(admin.revokeApiKey({ kind: other, keyId: created.id }), 'not_found');

      expect(await admin.revokeApiKey({ kind, keyId: created.id })).toEqual(listed);
      expect((await admin.listApiKeys({ kind })).some((key) => key.id === created.id)).toBe(false);
      await rejectsWith(admin.revokeApiKey({ kind, keyId: created.id }), 'not_found');
    });

    it('refuses a key without a label, or with one too long', async () => {
      const { admin } = suite.admin();
      for (const label of ['', '   ', 'x'.repeat(101)]) {
        expect(refusedFields(await rejectsWith(admin.createApiKey({ kind: 'admin', label }), 'invalid_input'))).toContain('label');
      }
    });
  },
};
