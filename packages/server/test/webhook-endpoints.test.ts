// Issue 11: admins register webhook endpoints; URLs that would make the server call into its own
// network are refused unless the deployment allows them.
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { Database } from '../src/db/database.js';
import type { HostLookup } from '../src/channels/webhook/address-policy.js';
import { apiClient, expectError, type CallOptions } from './support/api-client.js';
import { ENGINES, testDatabases } from './support/databases.js';

const databases = testDatabases();
const ADMIN_KEY = 'webhooks-admin-key-0123456789abcdef';
const admin: CallOptions = { adminKey: ADMIN_KEY };
const MISSING = '00000000-0000-4000-8000-000000000000';

/** A DNS stand-in: these names resolve as listed, any other does not. */
const FAKE_DNS: Record<string, string[]> = {
  'hooks.example.com': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
  'sneaky.example.com': ['93.184.215.14', '10.1.2.3'],
  'metadata.example.com': ['169.254.169.254'],
};
const fakeLookup: HostLookup = async (hostname) => {
  const addresses = FAKE_DNS[hostname];
  if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

describe.each(ENGINES)('webhook endpoints on %s', (engine) => {
  let db: Database;
  /** Public destinations only, with the fake DNS. */
  let strict: ReturnType<typeof apiClient>;
  /** SAYSO_WEBHOOK_ALLOW_PRIVATE=true, real DNS. */
  let lenient: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    db = await databases.open(engine);
    strict = apiClient(createApp({ db, adminKeys: [ADMIN_KEY], webhookPolicy: { allowPrivate: false, lookup: fakeLookup } }), db);
    lenient = apiClient(createApp({ db, adminKeys: [ADMIN_KEY], webhookPolicy: { allowPrivate: true } }), db);
  });

  const eventsOf = (endpointId: string) =>
    db.query<{ type: string; payload: Record<string, unknown> }>(
      `SELECT type, payload FROM domain_events WHERE subject_type = 'webhook_endpoint' AND subject_id = $1 ORDER BY sequence`,
      [endpointId],
    );

  it('registers, lists, changes and removes an endpoint, recording each change but never the secret', async () => {
    const created = await strict('POST', '/webhooks', { ...admin, body: { url: 'https://hooks.example.com/sayso', events: ['comment.added', 'idea.created', 'idea.created'] } });
    expect(created.status).toBe(201);
    expect(created.headers.get('Cache-Control')).toBe('no-store');
    const { secret, ...endpoint } = created.json;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    // Events come back once each, in the documented order.
    expect(endpoint).toEqual({ id: expect.any(String), url: 'https://hooks.example.com/sayso', events: ['idea.created', 'comment.added'], active: true, createdAt: expect.any(String) });

    const listed = await strict('GET', '/webhooks', admin);
    expect(listed.status).toBe(200);
    expect(listed.json).toContainEqual(endpoint);
    expect(listed.text).not.toContain(secret);

    const paused = await strict('PATCH', `/webhooks/${endpoint.id}`, { ...admin, body: { active: false, events: ['feedback.received'] } });
    expect(paused.status).toBe(200);
    expect(paused.json).toEqual({ ...endpoint, active: false, events: ['feedback.received'] });
    const moved = await strict('PATCH', `/webhooks/${endpoint.id}`, { ...admin, body: { url: 'http://93.184.215.14:8080/in' } });
    expect(moved.json).toEqual({ ...paused.json, url: 'http://93.184.215.14:8080/in' });

    const removed = await strict('DELETE', `/webhooks/${endpoint.id}`, admin);
    expect(removed.status).toBe(204);
    expect(removed.text).toBe('');
    expect((await strict('GET', '/webhooks', admin)).json.map((listedEndpoint: { id: string }) => listedEndpoint.id)).not.toContain(endpoint.id);
    await expectError(strict('DELETE', `/webhooks/${endpoint.id}`, admin), 404, 'not_found');
    await expectError(strict('PATCH', `/webhooks/${endpoint.id}`, { ...admin, body: { active: true } }), 404, 'not_found');

    const events = await eventsOf(endpoint.id);
    expect(events.map((event) => event.type)).toEqual(['webhook.created', 'webhook.updated', 'webhook.updated', 'webhook.deleted']);
    expect(events[0]!.payload).toEqual({ url: 'https://hooks.example.com/sayso', events: ['idea.created', 'comment.added'], active: true });
    expect(JSON.stringify(events)).not.toContain(secret);
  });

  it('lets only admins in: 401 without identity, 403 for a visitor', async () => {
    const visitor: CallOptions = { voter: `${engine}-webhooks-visitor` };
    const body = { url: 'https://hooks.example.com/x', events: ['idea.created'] };
    await expectError(strict('POST', '/webhooks', { body }), 401, 'unauthorized');
    await expectError(strict('POST', '/webhooks', { ...visitor, body }), 403, 'forbidden');
    await expectError(strict('GET', '/webhooks'), 401, 'unauthorized');
    await expectError(strict('GET', '/webhooks', visitor), 403, 'forbidden');
    const id = (await strict('POST', '/webhooks', { ...admin, body })).json.id as string;
    await expectError(strict('PATCH', `/webhooks/${id}`, { ...visitor, body: { active: false } }), 403, 'forbidden');
    await expectError(strict('DELETE', `/webhooks/${id}`, visitor), 403, 'forbidden');
    await expectError(strict('DELETE', `/webhooks/${id}`), 401, 'unauthorized');
    expect((await strict('GET', '/webhooks', admin)).json).toContainEqual(expect.objectContaining({ id, active: true }));
  });

  it('answers bad input with 400 naming the field, and an unknown endpoint with 404', async () => {
    const refused = async (body: unknown, field: string, path = '/webhooks', method = 'POST') => {
      const error = await expectError(strict(method, path, { ...admin, body }), 400, 'invalid_input');
      expect(error.details?.problems).toContainEqual({ field, message: expect.any(String) });
    };
    await refused({ url: 'ftp://hooks.example.com/x', events: ['idea.created'] }, 'url');
    await refused({ url: 'not a url', events: ['idea.created'] }, 'url');
    await refused({ url: 'javascript:alert(1)', events: ['idea.created'] }, 'url');
    await refused({ url: `https://hooks.example.com/${'x'.repeat(2100)}`, events: ['idea.created'] }, 'url');
    await refused({ url: 'https://hooks.example.com/x', events: [] }, 'events');
    await refused({ url: 'https://hooks.example.com/x', events: ['post.created'] }, 'events.0');
    await refused({ url: 'https://hooks.example.com/x' }, 'events');
    await refused({ events: ['idea.created'] }, 'url');
    await refused({ url: 'https://hooks.example.com/x', events: ['idea.created'], secret: 'mine' }, 'body');
    await refused('[]', 'body');
    const id = (await strict('POST', '/webhooks', { ...admin, body: { url: 'https://hooks.example.com/y', events: ['idea.merged'] } })).json.id as string;
    await refused({}, 'body', `/webhooks/${id}`, 'PATCH');
    await refused({ active: 'no' }, 'active', `/webhooks/${id}`, 'PATCH');
    await refused({ url: 'http://127.0.0.1/' }, 'url', `/webhooks/${id}`, 'PATCH');
    await expectError(strict('PATCH', `/webhooks/${MISSING}`, { ...admin, body: { active: false } }), 404, 'not_found');
    await expectError(strict('DELETE', '/webhooks/not-an-id', admin), 404, 'not_found');
    // Nothing of the refused change was kept.
    expect((await strict('GET', '/webhooks', admin)).json).toContainEqual(expect.objectContaining({ id, url: 'https://hooks.example.com/y', active: true }));
  });

  it('refuses URLs whose host is or resolves to a non-public address, unless the setting allows them', async () => {
    const urls = [
      'http://127.0.0.1:8080/hook',
      'http://10.0.0.7/hook',
      'http://172.16.5.4/hook',
      'http://192.168.1.1/hook',
      'http://169.254.169.254/latest/meta-data/',
      'http://0.0.0.0/',
      'http://[::1]/hook',
      'http://[::]/hook',
      'http://[fd00::1]/hook',
      'http://[fe80::1]/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'http://[::ffff:a00:1]/hook',
      'http://[64:ff9b::7f00:1]/hook',
      // The URL parser reads these as 127.0.0.1.
      'http://2130706433/hook',
      'http://0x7f.1/hook',
      'https://metadata.example.com/',
      // One public and one private address: either could be the one connected to.
      'https://sneaky.example.com/',
    ];
    for (const url of urls) {
      const error = await expectError(strict('POST', '/webhooks', { ...admin, body: { url, events: ['idea.created'] } }), 400, 'invalid_input');
      expect(error.details?.problems, url).toEqual([{ field: 'url', message: expect.stringMatching(/not a public address/) }]);
    }
    const unknown = await expectError(strict('POST', '/webhooks', { ...admin, body: { url: 'https://nowhere.invalid/', events: ['idea.created'] } }), 400, 'invalid_input');
    expect(unknown.message).toMatch(/does not resolve/);

    // The real resolver: localhost is loopback.
    const realDns = apiClient(createApp({ db, adminKeys: [ADMIN_KEY] }), db);
    const local = await expectError(realDns('POST', '/webhooks', { ...admin, body: { url: 'http://localhost:3000/hook', events: ['idea.created'] } }), 400, 'invalid_input');
    expect(local.message).toMatch(/"localhost" resolves to (127\.0\.0\.1|::1), which is not a public address/);

    for (const url of ['http://127.0.0.1:8080/hook', 'http://localhost:3000/hook', 'http://[::1]/hook', 'http://10.0.0.7/hook']) {
      const allowed = await lenient('POST', '/webhooks', { ...admin, body: { url, events: ['idea.created'] } });
      expect(allowed.status, url).toBe(201);
    }
  });
});
