-- The first schema: boards and their workflows, anonymous users, posts, votes, comments and
-- the post event log. gen_random_uuid() is built in since PostgreSQL 13 (and in PGlite).

CREATE TABLE boards (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug        text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  name        text NOT NULL,
  description text NOT NULL DEFAULT '',
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE statuses (
  board_id uuid NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
  key      text NOT NULL,
  name     text NOT NULL,
  kind     text NOT NULL CHECK (kind IN ('open', 'active', 'done', 'declined', 'duplicate')),
  position integer NOT NULL,
  PRIMARY KEY (board_id, key)
);

CREATE TABLE users (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The visitor's private id (X-Sayso-Voter). Never returned by the API.
  anonymous_key text UNIQUE,
  -- Display name; NULL for anonymous visitors.
  name          text,
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE posts (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  board_id   uuid NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
  title      text NOT NULL,
  body       text NOT NULL DEFAULT '',
  status_key text NOT NULL,
  author_id  uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (board_id, status_key) REFERENCES statuses (board_id, key) ON UPDATE CASCADE
);
CREATE INDEX posts_board_created_idx ON posts (board_id, created_at DESC, id DESC);

CREATE TABLE votes (
  post_id    uuid NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- One vote per user per post, whatever the concurrency: counts are row counts.
  UNIQUE (post_id, user_id)
);
CREATE INDEX votes_user_idx ON votes (user_id);

CREATE TABLE comments (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  post_id    uuid NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  author_id  uuid NOT NULL REFERENCES users (id),
  body       text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX comments_post_created_idx ON comments (post_id, created_at, id);

-- What happened to a post and when: creation and status changes (later: merges, notices).
CREATE TABLE post_events (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  post_id     uuid NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  kind        text NOT NULL CHECK (kind IN ('created', 'status_changed')),
  from_status text,
  to_status   text,
  actor_id    uuid REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX post_events_post_idx ON post_events (post_id, created_at);
