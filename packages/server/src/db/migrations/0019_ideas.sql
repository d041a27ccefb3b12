-- The admins' list of every board's ideas (issue 13): sorted by any column and paged by keyset
-- at 100,000 ideas, so each sort is a column of posts with an index, and the views admins save.

-- Feedback items backing each canonical idea (its own and its merged ideas'), kept by triggers
-- like the counts of migration 0007, so sorting by evidence reads no feedback.
ALTER TABLE posts ADD COLUMN evidence_count integer NOT NULL DEFAULT 0 CHECK (evidence_count >= 0);

-- When anything last happened to the idea or on it. Every change to an idea, and every vote,
-- comment, request and link of evidence, updates its row (counts, scores, status, text), so one
-- trigger on posts keeps it; nothing else needs to remember to.
ALTER TABLE posts ADD COLUMN last_activity_at timestamptz NOT NULL DEFAULT now();
UPDATE posts SET last_activity_at = GREATEST(created_at, edited_at, shipped_at);

CREATE FUNCTION posts_touch_activity() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.last_activity_at := GREATEST(OLD.last_activity_at, now());
  RETURN NEW;
END
$$;
CREATE TRIGGER posts_activity_on_update BEFORE UPDATE ON posts
  FOR EACH ROW WHEN (NEW.last_activity_at IS NOT DISTINCT FROM OLD.last_activity_at)
  EXECUTE FUNCTION posts_touch_activity();

CREATE FUNCTION recount_evidence(root uuid) RETURNS void LANGUAGE sql AS $$
  UPDATE posts SET evidence_count = (
    SELECT count(*) FROM feedback_items f JOIN posts t ON t.id = f.post_id WHERE t.id = root OR t.canonical_id = root
  ) WHERE id = root
$$;

-- An item's idea changed: recount the canonicals it left and joined.
CREATE FUNCTION feedback_items_recount_evidence() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.post_id IS NOT NULL THEN
    PERFORM recount_evidence(COALESCE(p.canonical_id, p.id)) FROM posts p WHERE p.id = OLD.post_id;
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.post_id IS NOT NULL THEN
    PERFORM recount_evidence(COALESCE(p.canonical_id, p.id)) FROM posts p WHERE p.id = NEW.post_id;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER feedback_items_evidence_on_insert AFTER INSERT ON feedback_items
  FOR EACH ROW WHEN (NEW.post_id IS NOT NULL) EXECUTE FUNCTION feedback_items_recount_evidence();
CREATE TRIGGER feedback_items_evidence_on_update AFTER UPDATE OF post_id ON feedback_items
  FOR EACH ROW WHEN (NEW.post_id IS DISTINCT FROM OLD.post_id) EXECUTE FUNCTION feedback_items_recount_evidence();
CREATE TRIGGER feedback_items_evidence_on_delete AFTER DELETE ON feedback_items
  FOR EACH ROW WHEN (OLD.post_id IS NOT NULL) EXECUTE FUNCTION feedback_items_recount_evidence();

-- A merge or unmerge moved an idea between trees: recount both ends and the idea itself.
CREATE FUNCTION posts_recount_evidence_on_merge() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM recount_evidence(NEW.id);
  IF OLD.canonical_id IS NOT NULL THEN PERFORM recount_evidence(OLD.canonical_id); END IF;
  IF NEW.canonical_id IS NOT NULL THEN PERFORM recount_evidence(NEW.canonical_id); END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER posts_evidence_on_merge AFTER UPDATE OF canonical_id ON posts
  FOR EACH ROW WHEN (NEW.canonical_id IS DISTINCT FROM OLD.canonical_id) EXECUTE FUNCTION posts_recount_evidence_on_merge();

UPDATE posts p SET evidence_count = (
  SELECT count(*) FROM feedback_items f JOIN posts t ON t.id = f.post_id WHERE t.id = p.id OR t.canonical_id = p.id
) WHERE p.merged_into IS NULL;

-- One index per sort column over the listed (canonical) ideas, the id last as the keyset's
-- tie-break; read backwards for the other direction. Text in code point order ("C"), as every
-- adapter compares it. Board: one board at a time in slug order (db/admin-ideas.ts).
CREATE INDEX posts_admin_title_idx ON posts (title COLLATE "C", id) WHERE merged_into IS NULL;
CREATE INDEX posts_admin_board_idx ON posts (board_id, id) WHERE merged_into IS NULL;
CREATE INDEX posts_admin_status_idx ON posts (status_key COLLATE "C", id) WHERE merged_into IS NULL;
CREATE INDEX posts_admin_people_idx ON posts (people_count, id) WHERE merged_into IS NULL;
CREATE INDEX posts_admin_mrr_idx ON posts (customer_mrr, id) WHERE merged_into IS NULL;
CREATE INDEX posts_admin_priority_idx ON posts (priority_score, id) WHERE merged_into IS NULL;
CREATE INDEX posts_admin_evidence_idx ON posts (evidence_count, id) WHERE merged_into IS NULL;
CREATE INDEX posts_admin_activity_idx ON posts (last_activity_at, id) WHERE merged_into IS NULL;
CREATE INDEX posts_admin_created_idx ON posts (created_at, id) WHERE merged_into IS NULL;

-- Views of the ideas list an admin named, shared by every admin of the deployment.
CREATE TABLE saved_views (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
  params     jsonb NOT NULL,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX saved_views_name_idx ON saved_views (lower(name));
