-- State that several server processes must share, kept in the database rather than in any
-- process's memory: stored answers of Idempotency-Key requests, and write-rate counters.

-- One row per (caller, method and path, key). A row without a status is a request still being
-- executed (claimed by INSERT ... ON CONFLICT DO NOTHING); once answered, it holds the response
-- to replay. Rows older than 24 hours are ignored, taken over and pruned.
CREATE TABLE idempotency_keys (
  -- sha256 of who asked (voter id, else Authorization, else IP) and the method and path.
  scope            text NOT NULL,
  key              text NOT NULL,
  method           text NOT NULL,
  path             text NOT NULL,
  -- sha256 of the request body: the same key with another body is refused (422).
  request_hash     text NOT NULL,
  status           integer,
  response_body    text,
  response_headers jsonb,
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);

-- Fixed-window counters: one row per bucket ('voter:…' or 'ip:…') and window, bumped by one
-- atomic upsert per write. Old windows are pruned now and then.
CREATE TABLE rate_limit_counters (
  bucket       text NOT NULL,
  window_start timestamptz NOT NULL,
  count        integer NOT NULL,
  PRIMARY KEY (bucket, window_start)
);
CREATE INDEX rate_limit_counters_window_idx ON rate_limit_counters (window_start);
