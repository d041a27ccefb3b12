import { SaysoError, type WebhookEndpoint, type WebhookEventType } from '@sayso/core';
import type { Queryable } from './database.js';
import { iso } from './rows.js';

// Webhook endpoints (migration 0014). A removed endpoint keeps its row with `deleted_at` set, so
// the delivery log still names it; every read here skips removed ones.

interface EndpointRow {
  id: string;
  url: string;
  event_types: WebhookEventType[];
  active: boolean;
  created_at: Date | string;
}

const COLUMNS = 'id, url, event_types, active, created_at';

const toEndpoint = (row: EndpointRow): WebhookEndpoint => ({
  id: row.id,
  url: row.url,
  events: row.event_types,
  active: row.active,
  createdAt: iso(row.created_at),
});

/** An endpoint with what the sender needs: where, and the secret it signs with. */
export interface EndpointTarget {
  id: string;
  url: string;
  secret: string;
  active: boolean;
}

export const noSuchEndpoint = (id: string) => new SaysoError('not_found', `There is no webhook endpoint "${id}".`);

export async function insertEndpoint(
  db: Queryable,
  params: { url: string; secret: string; events: readonly WebhookEventType[]; createdBy: string },
): Promise<WebhookEndpoint> {
  const [row] = await db.query<EndpointRow>(
    `INSERT INTO webhook_endpoints (url, secret, event_types, created_by) VALUES ($1, $2, $3, $4) RETURNING ${COLUMNS}`,
    [params.url, params.secret, params.events, params.createdBy],
  );
  return toEndpoint(row!);
}

/** Every endpoint not removed, oldest first. */
export async function listEndpoints(db: Queryable): Promise<WebhookEndpoint[]> {
  const rows = await db.query<EndpointRow>(
    `SELECT ${COLUMNS} FROM webhook_endpoints WHERE deleted_at IS NULL ORDER BY created_at, id`,
  );
  return rows.map(toEndpoint);
}

/** Changes what is given of an endpoint; `not_found` for an unknown or removed one. */
export async function updateEndpointRow(
  db: Queryable,
  id: string,
  changes: { url?: string; events?: readonly WebhookEventType[]; active?: boolean },
): Promise<WebhookEndpoint> {
  const [row] = await db.query<EndpointRow>(
    `UPDATE webhook_endpoints
        SET url = COALESCE($2, url), event_types = COALESCE($3, event_types), active = COALESCE($4, active)
      WHERE id = $1 AND deleted_at IS NULL
      RETURNING ${COLUMNS}`,
    [id, changes.url ?? null, changes.events ?? null, changes.active ?? null],
  );
  if (!row) throw noSuchEndpoint(id);
  return toEndpoint(row);
}

/** Removes an endpoint (its row stays for the log); `not_found` for an unknown or removed one. */
export async function removeEndpointRow(db: Queryable, id: string): Promise<WebhookEndpoint> {
  const [row] = await db.query<EndpointRow>(
    `UPDATE webhook_endpoints SET deleted_at = now(), active = false WHERE id = $1 AND deleted_at IS NULL RETURNING ${COLUMNS}`,
    [id],
  );
  if (!row) throw noSuchEndpoint(id);
  return toEndpoint(row);
}

/** The endpoint a delivery calls, with its secret; removed ones too (the caller decides). */
export async function findEndpointTarget(db: Queryable, id: string): Promise<(EndpointTarget & { removed: boolean }) | undefined> {
  const [row] = await db.query<EndpointTarget & { removed: boolean }>(
    'SELECT id, url, secret, active, deleted_at IS NOT NULL AS removed FROM webhook_endpoints WHERE id = $1',
    [id],
  );
  return row;
}

/** The ids of the active endpoints that asked for `type`, oldest first: whom an event's fan-out calls. */
export async function endpointIdsFor(db: Queryable, type: WebhookEventType): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT id FROM webhook_endpoints
      WHERE deleted_at IS NULL AND active AND $1 = ANY (event_types)
      ORDER BY created_at, id`,
    [type],
  );
  return rows.map((row) => row.id);
}
