-- The rest of the v1 API: each board's anonymous policy, edit times, tags, full-text search
-- and admin keys.

-- What anonymous visitors may do on a board (enforced by the identity layer).
ALTER TABLE boards
  ADD COLUMN anonymous_policy text NOT NULL DEFAULT 'votes-and-posts'
    CHECK (anonymous_policy IN ('off', 'votes', 'votes-and-posts'));

-- When the text last changed; NULL when never edited.
ALTER TABLE posts ADD COLUMN edited_at timestamptz;
ALTER TABLE comments ADD COLUMN edited_at timestamptz;

-- Full-text search over title and body (`q=`). The expression must match the one in
-- queries.ts exactly for the planner to use this index.
CREATE INDEX posts_search_idx ON posts
  USING gin (to_tsvector('english', title || ' ' || body));
CREATE INDEX posts_board_status_idx ON posts (board_id, status_key);

-- Tags belong to one board. The slug is derived from the name at creation and never changes,
-- so filters and links survive renames; names are unique per board, ignoring case.
CREATE TABLE tags (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  board_id   uuid NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
  slug       text NOT NULL,
  name       text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 40),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (board_id, slug)
);
CREATE UNIQUE INDEX tags_board_name_idx ON tags (board_id, lower(name));

CREATE TABLE post_tags (
  post_id    uuid NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  tag_id     uuid NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (post_id, tag_id)
);
CREATE INDEX post_tags_tag_idx ON post_tags (tag_id);

-- Admin API keys created through the API (keys from SAYSO_ADMIN_KEY are not stored). Only the
-- SHA-256 of a key is kept; the key itself is shown once, when it is created.
CREATE TABLE admin_keys (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  label      text NOT NULL,
  key_hash   text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);
