-- The admin duplicate queue (issue 10). Each idea is checked against its board when it arrives
-- and when its text changes (services/similar-posts.ts, from the server's similarity index):
-- its best matches above the threshold become candidate pairs, kept here so that listing the
-- queue is one indexed read however large the board. A pair is stored once, its lower id first.
CREATE TABLE duplicate_candidates (
  post_a uuid NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  post_b uuid NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  score  real NOT NULL CHECK (score >= 0 AND score <= 1),
  PRIMARY KEY (post_a, post_b),
  CHECK (post_a < post_b)
);
CREATE INDEX duplicate_candidates_post_b_idx ON duplicate_candidates (post_b);
CREATE INDEX duplicate_candidates_score_idx ON duplicate_candidates (score DESC);

-- Which text of each idea was last checked: its edit (or creation) time. An idea whose stamp
-- differs is checked again, so ideas that were on a board before this migration, or that changed
-- while no server process was running, are checked in the background after start-up.
CREATE TABLE duplicate_checks (
  post_id       uuid PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
  checked_stamp timestamptz NOT NULL
);

-- Pairs an admin said are not duplicates, with the text stamps both ideas had then: the pair comes
-- back only when either idea's text changes.
CREATE TABLE duplicate_dismissals (
  post_a       uuid NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  post_b       uuid NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  a_stamp      timestamptz NOT NULL,
  b_stamp      timestamptz NOT NULL,
  dismissed_by uuid REFERENCES users (id),
  dismissed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (post_a, post_b),
  CHECK (post_a < post_b)
);
