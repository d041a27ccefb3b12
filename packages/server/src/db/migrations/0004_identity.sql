-- Signed identity (issue 3): the server's own secret for visitor tokens, and identified users.

-- Secrets of this deployment, shared by every process through the database. `visitor` signs the
-- tokens of anonymous visitors: the first process to start inserts 32 random bytes
-- (INSERT ... ON CONFLICT DO NOTHING) and every process then reads the same row.
CREATE TABLE server_secrets (
  name       text PRIMARY KEY,
  secret     bytea NOT NULL CHECK (octet_length(secret) >= 32),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A users row is keyed by a private string: `visitor:<id>` (a visitor token's subject),
-- `user:<sub>` (a host-signed token's subject), `admin:…` (an admin key), `seed:…` (demo data).
-- Keys of unsigned X-Sayso-Voter ids written before this migration match no credential any more.
ALTER TABLE users RENAME COLUMN anonymous_key TO key;
-- From the claims of the host's signed token, never from a request body; NULL for visitors.
ALTER TABLE users ADD COLUMN email text;
-- Plan, MRR, company…: what the host says about its user, for demand scoring.
ALTER TABLE users ADD COLUMN traits jsonb NOT NULL DEFAULT '{}'::jsonb;
ALTER TABLE users ADD COLUMN updated_at timestamptz;
