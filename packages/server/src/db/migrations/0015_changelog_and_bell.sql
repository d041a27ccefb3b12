-- Issue 11, the rest: changelog entries, and the bell told like email (the followers of an idea,
-- expanded in pages by user id, each message logged as an `in_app` delivery).

-- A note of what shipped. A draft (`published_at` NULL) is seen by admins only; publishing it
-- ships its ideas and tells everyone who asked for any of them once.
CREATE TABLE changelog_entries (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  board_id     uuid NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
  title        text NOT NULL,
  body         text NOT NULL DEFAULT '',
  published_at timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  created_by   uuid REFERENCES users (id)
);
-- A board's entries newest first (published ones by publication, drafts by creation).
CREATE INDEX changelog_entries_board_idx ON changelog_entries (board_id, (COALESCE(published_at, created_at)) DESC, id DESC);

-- The ideas an entry ships, in the order the admin gave them.
CREATE TABLE changelog_entry_posts (
  entry_id uuid NOT NULL REFERENCES changelog_entries (id) ON DELETE CASCADE,
  post_id  uuid NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  position integer NOT NULL,
  PRIMARY KEY (entry_id, post_id)
);
CREATE INDEX changelog_entry_posts_post_idx ON changelog_entry_posts (post_id);

-- The bell tells of moves into a status its board notifies of (`status`), and says which status,
-- the admin's note, and the changelog entry that shipped the idea.
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications
  ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('shipped', 'reply', 'merged', 'status')),
  ADD COLUMN status_key text,
  ADD COLUMN note text,
  ADD COLUMN changelog_entry_id uuid REFERENCES changelog_entries (id) ON DELETE SET NULL;
