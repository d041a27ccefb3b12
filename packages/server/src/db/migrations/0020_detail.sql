-- The admin console's idea screen (issue 13): the team replies as the team, and keeps internal
-- notes under an idea that only admins ever see. An internal note is left out of the idea's
-- comment_count (visitors see that number) and of the conversation notifications reach.
ALTER TABLE comments
  ADD COLUMN team boolean NOT NULL DEFAULT false,
  ADD COLUMN internal boolean NOT NULL DEFAULT false,
  ADD CONSTRAINT internal_notes_are_the_teams CHECK (team OR NOT internal);
