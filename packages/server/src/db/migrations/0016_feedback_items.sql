-- Every channel into one inbox (issue 12): each piece of feedback a channel accepts is kept as it
-- came (its words, author, source, link), then triaged: linked to an idea as evidence (its author
-- then counts in the idea's demand through a customer request), or archived.
CREATE TABLE feedback_items (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  board_id       uuid NOT NULL REFERENCES boards (id),
  source         text NOT NULL CHECK (source ~ '^(widget|api|email|slack|csv|webhook:[a-z0-9][a-z0-9_-]{0,39})$'),
  -- The item's id in its source (Message-ID, Slack message, ticket id, CSV column), when it has one.
  source_id      text,
  -- SHA-256 of who wrote what (author, title, text), so a redelivery without a source id is known.
  content_hash   text NOT NULL,
  title          text,
  text           text NOT NULL,
  author_name    text,
  author_email   text,
  author_company text,
  link           text,
  attachments    jsonb NOT NULL DEFAULT '[]',
  state          text NOT NULL DEFAULT 'new' CHECK (state IN ('new', 'linked', 'archived')),
  -- Auto-replies and bulk mail are recorded but kept out of the inbox.
  filtered       text CHECK (filtered IN ('auto_reply', 'bulk')),
  post_id        uuid REFERENCES posts (id),
  -- The customer request the link stands on: the author counted in the idea's demand.
  request_id     uuid REFERENCES customer_requests (id),
  public         boolean NOT NULL DEFAULT false,
  received_at    timestamptz NOT NULL DEFAULT now(),
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK ((state = 'linked') = (post_id IS NOT NULL))
);
-- Redeliveries create nothing twice: by source id where the source gives one, else by content.
CREATE UNIQUE INDEX feedback_items_source_id_key ON feedback_items (source, source_id) WHERE source_id IS NOT NULL;
CREATE UNIQUE INDEX feedback_items_content_key ON feedback_items (source, content_hash) WHERE source_id IS NULL;
-- The inbox: items of a state, newest received first, those kept out left aside.
CREATE INDEX feedback_items_inbox_idx ON feedback_items (state, received_at DESC, id DESC) WHERE filtered IS NULL;
-- An idea's evidence.
CREATE INDEX feedback_items_post_idx ON feedback_items (post_id, received_at DESC) WHERE post_id IS NOT NULL;

-- A customer request made by linking feedback is the link's: unlinking the last item standing on it
-- removes it again (a request an admin typed stays).
ALTER TABLE customer_requests ADD COLUMN from_feedback boolean NOT NULL DEFAULT false;

-- Keys that may only post feedback (`POST /api/v1/feedback`), one per source an admin connects.
-- Only a key's SHA-256 is stored, as for admin keys.
CREATE TABLE ingestion_keys (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  label      text NOT NULL,
  key_hash   text NOT NULL UNIQUE,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);

-- CSV imports: each run with its progress (rows read so far), so a long import can be followed
-- from another request, and its report.
CREATE TABLE feedback_imports (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  board_id    uuid NOT NULL REFERENCES boards (id),
  dry_run     boolean NOT NULL,
  state       text NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'done', 'failed')),
  rows_read   integer NOT NULL DEFAULT 0,
  created     integer NOT NULL DEFAULT 0,
  duplicates  integer NOT NULL DEFAULT 0,
  rejected    integer NOT NULL DEFAULT 0,
  report      jsonb,
  created_by  uuid REFERENCES users (id),
  started_at  timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
