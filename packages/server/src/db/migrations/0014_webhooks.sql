-- Webhook endpoints (issue 11): URLs an admin registers, called signed for the event types they
-- chose. The secret is kept as given, because the server signs with it (HMAC-SHA256); it is
-- answered once, when the endpoint is created. A removed endpoint keeps its row (`deleted_at`),
-- so the delivery log still names where its calls went.
CREATE TABLE webhook_endpoints (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  url         text NOT NULL,
  secret      text NOT NULL,
  event_types text[] NOT NULL CHECK (cardinality(event_types) > 0),
  active      boolean NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  uuid REFERENCES users (id),
  deleted_at  timestamptz
);
-- Listing and fan-out read the endpoints not removed, oldest first.
CREATE INDEX webhook_endpoints_live_idx ON webhook_endpoints (created_at, id) WHERE deleted_at IS NULL;

-- The body of each event's webhook call, fixed the first time it is sent: every endpoint, every
-- retry and every replay of that event sends these same bytes (the idea's title as it was then),
-- signed anew each time.
CREATE TABLE webhook_bodies (
  event_sequence bigint PRIMARY KEY REFERENCES domain_events (sequence),
  event_type     text NOT NULL,
  body           text NOT NULL
);

-- The outbox's webhook deliveries (migration 0013) name their endpoint; endpoints are never
-- deleted, only marked removed, so the log keeps its link.
ALTER TABLE deliveries
  ADD CONSTRAINT deliveries_endpoint_fk FOREIGN KEY (endpoint_id) REFERENCES webhook_endpoints (id);
CREATE INDEX deliveries_endpoint_idx ON deliveries (endpoint_id, created_at DESC) WHERE endpoint_id IS NOT NULL;
