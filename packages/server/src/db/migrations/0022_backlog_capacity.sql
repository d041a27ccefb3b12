-- Capacity (issue 14) sums the effort of a board's canonical ideas shipped in the last weeks: an
-- index range of the board's shipped ideas from the window's start, not a read of every idea.
CREATE INDEX posts_board_shipped_idx ON posts (board_id, shipped_at) WHERE shipped_at IS NOT NULL AND canonical_id IS NULL;
