-- The admins' `priority` sort walks an index like `top` (issue 10): it scored every idea of the
-- board on each call (about 2 s at 100,000 ideas). Each idea now keeps the MRR of its customers
-- and its score, moved in the transactions that move what they are made of.

-- A person's company and MRR as core's personValueFromTraits reads them from identity traits: a
-- non-blank string (trimmed), a number of at least 0; NULL otherwise.
CREATE FUNCTION trait_company(traits jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN jsonb_typeof(traits -> 'company') = 'string' AND btrim(traits ->> 'company') <> ''
              THEN btrim(traits ->> 'company') END
$$;
CREATE FUNCTION trait_mrr(traits jsonb) RETURNS float8 LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN jsonb_typeof(traits -> 'mrr') = 'number' AND (traits ->> 'mrr')::float8 >= 0
              THEN (traits ->> 'mrr')::float8 END
$$;

-- Core's customerValue(...).mrr of a canonical idea's people (post_people: its whole merge
-- tree). Each person counts with the company of their traits, else with that of their first
-- request in the tree naming one; a company (case-insensitive) counts once, at the highest MRR
-- any of its people report.
CREATE FUNCTION customer_mrr_of(idea uuid) RETURNS float8 LANGUAGE sql STABLE AS $$
  WITH valued AS (
    SELECT trait_company(u.traits) AS company, trait_mrr(u.traits) AS mrr
      FROM post_people pp JOIN users u ON u.id = pp.user_id
     WHERE pp.post_id = idea AND pp.refs > 0 AND trait_company(u.traits) IS NOT NULL
    UNION ALL
    (SELECT DISTINCT ON (r.user_id) btrim(r.company), trait_mrr(u.traits)
       FROM customer_requests r JOIN users u ON u.id = r.user_id
      WHERE r.post_id IN (SELECT idea UNION ALL SELECT id FROM posts WHERE canonical_id = idea)
        AND btrim(r.company) <> '' AND trait_company(u.traits) IS NULL
      ORDER BY r.user_id, r.created_at, r.id)
  )
  SELECT COALESCE(sum(mrr), 0) FROM (SELECT max(COALESCE(mrr, 0)) AS mrr FROM valued GROUP BY lower(company)) AS companies
$$;

-- Sets an idea's customer_mrr from its people as they are now. It locks the idea's row first and
-- reads after, in a statement of its own: a VOLATILE function's statements each take a fresh
-- snapshot, so the read sees every change committed by whoever held the lock before (a vote, a
-- request, a merge lock the canonical too). One round trip, callable after the statement that
-- changed the people committed (a vote) or inside the transaction that changes them.
CREATE FUNCTION refresh_customer_mrr(idea uuid) RETURNS void LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  mrr float8;
BEGIN
  PERFORM 1 FROM posts WHERE id = idea FOR NO KEY UPDATE;
  mrr := customer_mrr_of(idea);
  UPDATE posts SET customer_mrr = mrr WHERE id = idea AND customer_mrr IS DISTINCT FROM mrr;
END
$$;

-- Core's DEFAULT_PRIORITY_FORMULA and DEFAULT_PRIORITY_INPUTS, for the boards and ideas nobody
-- weighed: migrate() writes core's values here on every start (db/priority.ts,
-- syncPriorityDefaults) and rescores every idea when they changed, so changing a default in core
-- still needs no migration.
CREATE TABLE priority_defaults (
  singleton     boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  people_weight float8 NOT NULL,
  mrr_weight    float8 NOT NULL,
  impact        float8 NOT NULL,
  effort        float8 NOT NULL
);
INSERT INTO priority_defaults (people_weight, mrr_weight, impact, effort) VALUES (1, 0.01, 1, 1);

-- Core's priorityScore(...).score: (people × peopleWeight + MRR × mrrWeight) × impact ÷ effort,
-- rounded to 3 decimals, under the board's formula or the defaults.
CREATE FUNCTION priority_score_of(idea_people integer, idea_mrr float8, idea_impact numeric, idea_effort numeric, idea_board uuid)
RETURNS numeric LANGUAGE sql STABLE AS $$
  SELECT round((((idea_people * COALESCE((b.priority_formula ->> 'peopleWeight')::float8, d.people_weight)
                  + idea_mrr * COALESCE((b.priority_formula ->> 'mrrWeight')::float8, d.mrr_weight))
                 * COALESCE(idea_impact::float8, d.impact)) / COALESCE(idea_effort::float8, d.effort))::numeric, 3)
    FROM boards b CROSS JOIN priority_defaults d WHERE b.id = idea_board
$$;

ALTER TABLE posts
  ADD COLUMN customer_mrr float8 NOT NULL DEFAULT 0 CHECK (customer_mrr >= 0),
  ADD COLUMN priority_score numeric NOT NULL DEFAULT 0;

-- The score follows its parts in the statement that changes them, under that statement's row
-- lock, so parallel votes keep it exact. A formula or default change rescores its ideas itself.
CREATE FUNCTION posts_set_priority_score() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.priority_score := priority_score_of(NEW.people_count, NEW.customer_mrr, NEW.impact, NEW.effort, NEW.board_id);
  RETURN NEW;
END
$$;
CREATE TRIGGER posts_priority_score_on_insert BEFORE INSERT ON posts
  FOR EACH ROW EXECUTE FUNCTION posts_set_priority_score();
CREATE TRIGGER posts_priority_score_on_update BEFORE UPDATE OF people_count, customer_mrr, impact, effort, board_id ON posts
  FOR EACH ROW
  WHEN (NEW.people_count IS DISTINCT FROM OLD.people_count OR NEW.customer_mrr IS DISTINCT FROM OLD.customer_mrr
        OR NEW.impact IS DISTINCT FROM OLD.impact OR NEW.effort IS DISTINCT FROM OLD.effort OR NEW.board_id IS DISTINCT FROM OLD.board_id)
  EXECUTE FUNCTION posts_set_priority_score();

UPDATE posts SET customer_mrr = customer_mrr_of(id) WHERE canonical_id IS NULL;
UPDATE posts SET priority_score = priority_score_of(people_count, customer_mrr, impact, effort, board_id);

-- The order of db/priority.ts, like posts_board_top_idx: merged ideas are in no board list.
CREATE INDEX posts_board_priority_idx ON posts (board_id, priority_score DESC, created_at DESC, id DESC) WHERE merged_into IS NULL;

-- The priority order no longer starts from the users who have a company (migration 0009).
DROP INDEX users_with_company_idx;
