-- One general log of what happened (issue 9): every state change writes a row here in the
-- transaction of the change itself, so later work (email, webhooks, live updates, audit) can
-- deliver from it in order. `sequence` only grows: a consumer remembers the last one it handled.
CREATE TABLE domain_events (
  sequence     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  type         text NOT NULL CHECK (type ~ '^[a-z_]+\.[a-z_]+$'),
  subject_type text NOT NULL,
  subject_id   uuid NOT NULL,
  actor_id     uuid REFERENCES users (id),
  payload      jsonb NOT NULL DEFAULT '{}'::jsonb,
  occurred_at  timestamptz NOT NULL DEFAULT now()
);
-- The history of one thing (an idea's status changes, a comment's edits), in order.
CREATE INDEX domain_events_subject_idx ON domain_events (subject_type, subject_id, sequence);
-- A consumer reading one kind of event from where it stopped.
CREATE INDEX domain_events_type_idx ON domain_events (type, sequence);

-- post_events held the first two kinds of event (an idea created, its status changed). Its rows
-- move into the one log, in their order, and post_events stays as a view of them, so whatever
-- read it (reports, the tests of status changes) reads the same rows as before.
INSERT INTO domain_events (type, subject_type, subject_id, actor_id, payload, occurred_at)
SELECT CASE kind WHEN 'created' THEN 'post.created' ELSE 'post.status_changed' END,
       'post', post_id, actor_id,
       jsonb_strip_nulls(jsonb_build_object('from', from_status, 'to', to_status)),
       created_at
  FROM post_events
 ORDER BY id;

DROP TABLE post_events;

CREATE VIEW post_events AS
SELECT sequence AS id,
       subject_id AS post_id,
       CASE type WHEN 'post.created' THEN 'created' ELSE 'status_changed' END AS kind,
       payload ->> 'from' AS from_status,
       payload ->> 'to' AS to_status,
       actor_id,
       occurred_at AS created_at
  FROM domain_events
 WHERE type IN ('post.created', 'post.status_changed');
