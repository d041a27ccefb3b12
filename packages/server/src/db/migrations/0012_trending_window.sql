-- `trending` scores the posts of its window (db/posts.ts, trendingWindow) from the index alone:
-- their people count and whether they are merged are in it, so walking the newest posts reads no
-- table rows. The index `new` and `shipped` walk stays the same otherwise.
DROP INDEX posts_board_created_idx;
CREATE INDEX posts_board_created_idx ON posts (board_id, created_at DESC, id DESC) INCLUDE (people_count, merged_into);
