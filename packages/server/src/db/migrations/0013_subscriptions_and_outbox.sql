-- Telling everyone who asked (issue 11): who follows which idea, the people's email settings, which
-- status kinds a board tells of, and the transactional outbox the delivery worker sends from.

-- Who follows an idea and why. Identified people (any users row: visitors, host users, admins,
-- people recorded by a customer request) are subscribed when they post, vote, comment or are
-- recorded, by INSERT … ON CONFLICT DO NOTHING in the transaction of the change, so an explicit
-- `unsubscribed` row sticks. The audience of an idea is everyone `subscribed` on any idea of its
-- merge tree, less those `unsubscribed` on the idea itself (db/subscriptions.ts).
CREATE TABLE subscriptions (
  post_id    uuid NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  state      text NOT NULL CHECK (state IN ('subscribed', 'unsubscribed')),
  reason     text NOT NULL CHECK (reason IN ('author', 'vote', 'comment', 'request', 'explicit')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (post_id, user_id)
);
CREATE INDEX subscriptions_user_idx ON subscriptions (user_id);

-- Everyone who already asked follows what they asked for: authors, voters, commenters, requests.
INSERT INTO subscriptions (post_id, user_id, state, reason)
SELECT post_id, user_id, 'subscribed', reason FROM (
  SELECT id AS post_id, author_id AS user_id, 'author' AS reason, 1 AS rank FROM posts WHERE author_id IS NOT NULL
  UNION ALL SELECT post_id, user_id, 'vote', 2 FROM votes
  UNION ALL SELECT post_id, author_id, 'comment', 3 FROM comments
  UNION ALL SELECT post_id, user_id, 'request', 4 FROM customer_requests
) AS asked
ORDER BY rank
ON CONFLICT (post_id, user_id) DO NOTHING;

-- A visitor's address (one they left, `email` from migration 0004) is written to only once its
-- confirmation link was followed; a host user's address comes from the host's signed token and
-- counts as confirmed. `email_off` turns every email off for the person (the bell stays).
ALTER TABLE users
  ADD COLUMN email_confirmed_at timestamptz,
  ADD COLUMN email_off boolean NOT NULL DEFAULT false;

-- The status kinds whose statuses tell an idea's followers; `done` always.
ALTER TABLE boards
  ADD COLUMN notify_kinds text[] NOT NULL DEFAULT '{done}'
  CONSTRAINT boards_notify_kinds_done CHECK ('done' = ANY (notify_kinds) AND notify_kinds <@ ARRAY['done', 'active']);

-- The outbox: one row per message to send, made from a domain event, one per (event, channel,
-- recipient) by `dedupe_key` (`<sequence>:<channel>:<user or endpoint id>`; a replay has a key of
-- its own). The delivery worker (services/delivery-worker.ts) claims due rows with FOR UPDATE SKIP
-- LOCKED, marks them `sending` until `claimed_until` in a committed transaction, sends, and records
-- `sent`, or `failed` with the next try after an exponential backoff, or `dead` after the last try.
-- A row still `sending` past `claimed_until` belonged to a process that died: it is claimed again.
CREATE TABLE deliveries (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event_sequence   bigint NOT NULL REFERENCES domain_events (sequence),
  channel          text NOT NULL CHECK (channel IN ('email', 'webhook', 'in_app')),
  user_id          uuid REFERENCES users (id) ON DELETE CASCADE,
  -- For webhooks: the endpoint called (its table comes with the webhook channel).
  endpoint_id      uuid,
  -- The idea it is about, when it is about one: for the delivery log of an idea.
  post_id          uuid REFERENCES posts (id) ON DELETE SET NULL,
  dedupe_key       text NOT NULL UNIQUE,
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'dead')),
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  claimed_until    timestamptz,
  last_error       text,
  response_status  integer,
  response_excerpt text,
  replay_of        uuid REFERENCES deliveries (id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  sent_at          timestamptz
);
-- What the worker claims: due rows, and rows whose claim ran out.
CREATE INDEX deliveries_due_idx ON deliveries (next_attempt_at) WHERE status IN ('pending', 'failed');
CREATE INDEX deliveries_claimed_idx ON deliveries (claimed_until) WHERE status = 'sending';
-- The delivery log, per person and per idea, newest first.
CREATE INDEX deliveries_user_idx ON deliveries (user_id, created_at DESC) WHERE user_id IS NOT NULL;
CREATE INDEX deliveries_post_idx ON deliveries (post_id, created_at DESC) WHERE post_id IS NOT NULL;
CREATE INDEX deliveries_event_idx ON deliveries (event_sequence);

-- An audience still to be expanded into deliveries: the change's transaction writes one row (no
-- work or memory proportional to the audience in the request), and the worker expands it in pages
-- of a few hundred people, ordered by users id, each page its own transaction that inserts the
-- page's deliveries (idempotent through dedupe_key) and moves `after_user_id` on; `done_at` when
-- the last page is in. `post_ids` are the canonicals whose followers are told (one for a status
-- change, several for a changelog entry: each person once across them).
CREATE TABLE delivery_fanouts (
  event_sequence bigint NOT NULL REFERENCES domain_events (sequence),
  channel        text NOT NULL CHECK (channel IN ('email', 'in_app')),
  post_ids       uuid[] NOT NULL,
  after_user_id  uuid,
  done_at        timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (event_sequence, channel)
);
CREATE INDEX delivery_fanouts_open_idx ON delivery_fanouts (created_at) WHERE done_at IS NULL;
