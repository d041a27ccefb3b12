import type { SaysoAdminApi } from '../adapter.js';
import type { SaysoClient } from '../client.js';
import { SaysoError } from '../errors.js';

/** The admin part of a client's adapter; a client without one cannot run the console. */
export function adminApiOf(client: SaysoClient): SaysoAdminApi {
  const admin = client.adapter.admin;
  if (!admin) throw new SaysoError('forbidden', 'These credentials do not grant admin.');
  return admin;
}
