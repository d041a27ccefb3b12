import { expect, it } from 'vitest';
import { refusedFields, rejectsWith, type SuiteArea } from '../suite.js';

/** Webhook endpoints as admins register them (issue 11); calling them is the server's, tested there. */
export const webhooks: SuiteArea = {
  name: 'webhooks',
  needs: ['admin'],
  tests: (suite) => {
    it('registers, lists, pauses and removes endpoints, the secret shown once', async () => {
      const { admin } = suite.admin();
      const created = await admin.createWebhookEndpoint({ url: 'http://127.0.0.1:9/sayso', events: ['changelog.published', 'idea.created'] });
      expect(created).toMatchObject({ url: 'http://127.0.0.1:9/sayso', events: ['idea.created', 'changelog.published'], active: true });
      expect(created.secret).toMatch(/^whsec_/);
      const listed = (await admin.listWebhookEndpoints()).find((endpoint) => endpoint.id === created.id);
      expect(listed).toEqual({ id: created.id, url: created.url, events: created.events, active: true, createdAt: created.createdAt });
      expect(await admin.updateWebhookEndpoint({ endpointId: created.id, active: false })).toMatchObject({ active: false });
      await admin.deleteWebhookEndpoint({ endpointId: created.id });
      expect((await admin.listWebhookEndpoints()).some((endpoint) => endpoint.id === created.id)).toBe(false);
      await rejectsWith(admin.deleteWebhookEndpoint({ endpointId: created.id }), 'not_found');
    });

    it('refuses a URL that is not http(s) and events it does not know', async () => {
      const { admin } = suite.admin();
      for (const url of ['ftp://127.0.0.1/x', 'not a url', 'javascript:alert(1)']) {
        expect(refusedFields(await rejectsWith(admin.createWebhookEndpoint({ url, events: ['idea.created'] }), 'invalid_input'))).toContain('url');
      }
      const unknown = ['idea.exploded'] as unknown as ['idea.created'];
      expect(refusedFields(await rejectsWith(admin.createWebhookEndpoint({ url: 'http://127.0.0.1:9/x', events: unknown }), 'invalid_input'))).toContain('events');
      expect(refusedFields(await rejectsWith(admin.createWebhookEndpoint({ url: 'http://127.0.0.1:9/x', events: [] }), 'invalid_input'))).toContain('events');
    });
  },
};
