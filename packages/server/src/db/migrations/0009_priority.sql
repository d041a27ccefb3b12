-- Priority (issue 10): each board's formula and each idea's impact and effort, set by admins.
-- NULL means "not set": core's DEFAULT_PRIORITY_FORMULA and DEFAULT_PRIORITY_INPUTS apply, so
-- changing a default in core moves every board and idea nobody weighed, without a migration.
ALTER TABLE boards ADD COLUMN priority_formula jsonb
  CHECK (priority_formula IS NULL OR jsonb_typeof(priority_formula) = 'object');

ALTER TABLE posts
  ADD COLUMN impact numeric CHECK (impact >= 0),
  ADD COLUMN effort numeric CHECK (effort > 0);

-- The admins' `priority` sort values every idea's people by the companies their identity traits
-- name (db/priority.ts): it starts from the few users who have one, not from every visitor.
CREATE INDEX users_with_company_idx ON users (id) WHERE jsonb_typeof(traits -> 'company') = 'string';
-- From those users to their ideas without reading post_people's rows: the index covers what the
-- priority order needs of them (it replaces migration 0008's index on user_id alone).
DROP INDEX post_people_user_idx;
CREATE INDEX post_people_user_idx ON post_people (user_id) INCLUDE (post_id, refs);
