-- Vote and comment counts kept on the post (issue 10): counting every vote row of every post on
-- each read took seconds at 10,000 ideas. The statement that inserts or deletes a vote or a
-- comment adds or takes one in the same transaction, and only when a row really changed
-- (db/votes.ts, db/comments.ts); `vote_count + 1` locks the post row, so parallel votes stay exact.
ALTER TABLE posts
  ADD COLUMN vote_count integer NOT NULL DEFAULT 0 CHECK (vote_count >= 0),
  ADD COLUMN comment_count integer NOT NULL DEFAULT 0 CHECK (comment_count >= 0);

UPDATE posts p
   SET vote_count = (SELECT count(*) FROM votes v WHERE v.post_id = p.id),
       comment_count = (SELECT count(*) FROM comments c WHERE c.post_id = p.id);

-- One index per list order, each ending on the id like the ORDER BY in db/posts.ts. `new` keeps
-- posts_board_created_idx; `trending` reads the newest posts from it and the board's highest count
-- from this one (see listPosts).
CREATE INDEX posts_board_top_idx ON posts (board_id, vote_count DESC, created_at DESC, id DESC);
