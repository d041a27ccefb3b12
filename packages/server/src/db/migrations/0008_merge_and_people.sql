-- Merging duplicates and counting the distinct people behind every idea (issue 10).

-- A merged idea points at the idea it was merged into (`merged_into`, what unmerge undoes) and at
-- the end of that chain (`canonical_id`, where its people count): a vote on a merged idea and the
-- tree of a canonical are then one index lookup instead of a walk. Both are NULL on an idea that
-- stands on its own. Nothing of a merged idea is moved or deleted.
ALTER TABLE posts
  ADD COLUMN merged_into uuid REFERENCES posts (id),
  ADD COLUMN canonical_id uuid REFERENCES posts (id),
  ADD CONSTRAINT posts_merged_has_canonical CHECK ((merged_into IS NULL) = (canonical_id IS NULL)),
  ADD CONSTRAINT posts_not_merged_into_itself CHECK (merged_into <> id AND canonical_id <> id);
CREATE INDEX posts_merged_into_idx ON posts (merged_into) WHERE merged_into IS NOT NULL;
CREATE INDEX posts_canonical_idx ON posts (canonical_id) WHERE canonical_id IS NOT NULL;

-- The distinct people who want an idea, the demand a board shows and sorts `top` and `trending`
-- by. On an idea standing on its own (a canonical) it counts the people of its whole merge tree;
-- on a merged idea, the people of its own subtree (what it would have again if unmerged).
ALTER TABLE posts ADD COLUMN people_count integer NOT NULL DEFAULT 0 CHECK (people_count >= 0);

-- Who counts on each canonical, and by how many references: each vote and each recorded request
-- anywhere in its merge tree is one. A vote or request that takes a person from 0 to 1 adds one
-- to people_count, one that takes them from 1 to 0 takes one off, in the same statement
-- (db/people.ts), so the count stays exact under concurrency without counting vote rows on
-- reads. Rows at 0 may stay until the next recount; they count for nothing. Merge and unmerge
-- (rare) recount the canonicals they touch from the votes and requests themselves.
CREATE TABLE post_people (
  post_id uuid NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  refs    integer NOT NULL CHECK (refs >= 0),
  PRIMARY KEY (post_id, user_id)
);
CREATE INDEX post_people_user_idx ON post_people (user_id);

INSERT INTO post_people (post_id, user_id, refs) SELECT post_id, user_id, 1 FROM votes;
UPDATE posts SET people_count = vote_count;

-- `top` orders by people now, and board lists leave merged ideas out (see db/posts.ts).
DROP INDEX posts_board_top_idx;
CREATE INDEX posts_board_top_idx ON posts (board_id, people_count DESC, created_at DESC, id DESC) WHERE merged_into IS NULL;

-- What a merge changed, so unmerge restores exactly that: the duplicate's status before it and
-- the tags the merge added to the canonical of the time (the ones it already had stay).
CREATE TABLE post_merges (
  duplicate_id    uuid PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
  into_id         uuid NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  canonical_id    uuid NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  previous_status text NOT NULL,
  added_tag_ids   uuid[] NOT NULL DEFAULT '{}',
  actor_id        uuid REFERENCES users (id),
  merged_at       timestamptz NOT NULL DEFAULT now()
);

-- An admin's record that someone asked for an idea elsewhere (on behalf of a customer). The
-- person is a users row: the identified user with that email when there is one, else a row keyed
-- `request:<requester key>`, so a request and that person's own vote count once.
CREATE TABLE customer_requests (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  post_id       uuid NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  user_id       uuid NOT NULL REFERENCES users (id),
  -- core's requesterKey(): the same person on the same idea is recorded once.
  requester_key text NOT NULL,
  name          text,
  email         text,
  company       text,
  source_url    text,
  note          text,
  importance    text NOT NULL CHECK (importance IN ('nice-to-have', 'important', 'blocker')),
  added_by      uuid NOT NULL REFERENCES users (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (post_id, requester_key)
);
CREATE INDEX customer_requests_user_idx ON customer_requests (user_id);

-- The people of a merged idea are told where their vote now counts: `post_id` is the canonical,
-- `merged_from_id` the idea they asked for.
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications
  ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('shipped', 'reply', 'merged')),
  ADD COLUMN merged_from_id uuid REFERENCES posts (id) ON DELETE CASCADE,
  ADD CONSTRAINT notifications_merged_from CHECK ((kind = 'merged') = (merged_from_id IS NOT NULL));
