-- The engineering backlog (issue 14): technical work linked to what users said (ideas and
-- feedback items as evidence), ranked by the people behind it, and everyone behind it told once
-- when it is done.
CREATE TABLE backlog_items (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  board_id     uuid NOT NULL REFERENCES boards (id),
  title        text NOT NULL,
  description  text NOT NULL DEFAULT '',
  -- The concrete next thing to do; empty: the item is vague.
  next_step    text NOT NULL DEFAULT '',
  category     text NOT NULL CHECK (category IN ('tech_debt', 'infrastructure', 'developer_experience', 'security_compliance', 'refactoring', 'performance')),
  status       text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'planned', 'in_progress', 'done', 'dropped')),
  -- In the board's estimate unit (backlog_settings.estimate_unit); NULL: not estimated.
  estimate     numeric CHECK (estimate IS NULL OR estimate > 0),
  -- 0 none … 3 high; weighs in the priority of security and compliance items only.
  risk         smallint NOT NULL DEFAULT 0 CHECK (risk BETWEEN 0 AND 3),
  owner        text,
  -- Issue URLs (GitHub, GitLab, Jira, Linear…) as written, and their comparable keys (core's trackerIssueOf).
  tracker_urls text[] NOT NULL DEFAULT '{}',
  tracker_keys text[] NOT NULL DEFAULT '{}',
  public       boolean NOT NULL DEFAULT false,
  created_by   uuid REFERENCES users (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  -- Last touched (text, status, evidence): what "stale" is measured from.
  updated_at   timestamptz NOT NULL DEFAULT now(),
  done_at      timestamptz,
  -- When the people behind it were told it is done: once, however often it moves in and out of done.
  told_at      timestamptz
);
CREATE INDEX backlog_items_board_idx ON backlog_items (board_id, status);
-- Capacity: effort done in the last weeks.
CREATE INDEX backlog_items_done_idx ON backlog_items (board_id, done_at) WHERE done_at IS NOT NULL;
-- A tracker's webhook finds the items linked to the issue that closed.
CREATE INDEX backlog_items_tracker_idx ON backlog_items USING gin (tracker_keys);

-- Evidence: an idea (its people are its canonical's) or a feedback item (its author, as the users
-- row `user_id`, made the way a link to an idea makes one) behind an item.
CREATE TABLE backlog_evidence (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  item_id          uuid NOT NULL REFERENCES backlog_items (id) ON DELETE CASCADE,
  post_id          uuid REFERENCES posts (id),
  feedback_item_id uuid REFERENCES feedback_items (id),
  user_id          uuid REFERENCES users (id),
  added_by         uuid REFERENCES users (id),
  added_at         timestamptz NOT NULL DEFAULT now(),
  CHECK ((post_id IS NULL) <> (feedback_item_id IS NULL))
);
CREATE UNIQUE INDEX backlog_evidence_post_key ON backlog_evidence (item_id, post_id) WHERE post_id IS NOT NULL;
CREATE UNIQUE INDEX backlog_evidence_feedback_key ON backlog_evidence (item_id, feedback_item_id) WHERE feedback_item_id IS NOT NULL;
CREATE INDEX backlog_evidence_post_idx ON backlog_evidence (post_id) WHERE post_id IS NOT NULL;
CREATE INDEX backlog_evidence_feedback_idx ON backlog_evidence (feedback_item_id) WHERE feedback_item_id IS NOT NULL;

-- A board's capacity targets and backlog settings; no row: core's DEFAULT_CAPACITY_SETTINGS.
CREATE TABLE backlog_settings (
  board_id           uuid PRIMARY KEY REFERENCES boards (id),
  engineering_target numeric NOT NULL,
  category_minimums  jsonb NOT NULL,
  window_weeks       integer NOT NULL,
  stale_days         integer NOT NULL,
  risk_weight        numeric NOT NULL,
  estimate_unit      text NOT NULL CHECK (estimate_unit IN ('points', 'days')),
  updated_at         timestamptz NOT NULL DEFAULT now()
);

-- Deliveries of trackers' webhooks already applied (GitHub's X-GitHub-Delivery), so a redelivery changes nothing.
CREATE TABLE tracker_deliveries (
  delivery_id text PRIMARY KEY,
  received_at timestamptz NOT NULL DEFAULT now()
);

-- A `fixed` notification names the backlog item; its post (the first of the item's ideas the
-- recipient asked for) may then be absent.
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications
  ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('shipped', 'reply', 'merged', 'status', 'fixed')),
  ADD COLUMN backlog_item_id uuid REFERENCES backlog_items (id) ON DELETE CASCADE,
  ALTER COLUMN post_id DROP NOT NULL,
  ADD CONSTRAINT notifications_subject_check CHECK (post_id IS NOT NULL OR backlog_item_id IS NOT NULL);
-- A fan-out tells the people behind a backlog item instead of an idea's followers.
ALTER TABLE delivery_fanouts ADD COLUMN backlog_item_id uuid REFERENCES backlog_items (id) ON DELETE CASCADE;
-- So does an email delivery of that news.
ALTER TABLE deliveries ADD COLUMN backlog_item_id uuid REFERENCES backlog_items (id) ON DELETE CASCADE;
