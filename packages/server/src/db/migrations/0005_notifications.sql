-- Notifications (issue: "your request shipped" and replies) and each idea's ship date.

-- When the idea last moved into a `done` status from one that is not. Moving between `done`
-- statuses keeps it; leaving `done` clears it; shipping again sets the new date.
ALTER TABLE posts ADD COLUMN shipped_at timestamptz;

-- Ideas already done: the time of the change into their status, else their creation.
UPDATE posts p
   SET shipped_at = COALESCE(
         (SELECT max(e.created_at) FROM post_events e
           WHERE e.post_id = p.id AND e.kind = 'status_changed' AND e.to_status = p.status_key),
         p.created_at)
  FROM statuses s
 WHERE s.board_id = p.board_id AND s.key = p.status_key AND s.kind = 'done';

-- One row per recipient and event, made in the transaction of the event itself: `shipped` when
-- an admin moves an idea into a `done` status (its author and voters), `reply` for a comment
-- (the idea's author and earlier commenters). The recipient is a users row, the identity votes
-- and posts belong to. A deleted comment takes its notifications with it.
CREATE TABLE notifications (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  recipient_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind         text NOT NULL CHECK (kind IN ('shipped', 'reply')),
  post_id      uuid NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  comment_id   uuid REFERENCES comments (id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  read_at      timestamptz,
  CHECK ((kind = 'reply') = (comment_id IS NOT NULL))
);
-- A recipient's list, newest first (keyset pages), and their unread count.
CREATE INDEX notifications_recipient_idx ON notifications (recipient_id, created_at DESC, id DESC);
CREATE INDEX notifications_unread_idx ON notifications (recipient_id) WHERE read_at IS NULL;
