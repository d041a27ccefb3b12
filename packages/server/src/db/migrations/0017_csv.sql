-- A CSV import's rows wait here until the whole file has been read (issue 12): a file that breaks
-- halfway leaves no item behind, yet no transaction stays open while a client streams the file in.
-- The end of a real run moves them into feedback_items in one statement; every run then deletes its
-- rows. Each row is stored as receiveFeedback would store it (checked, trimmed, hashed).
CREATE TABLE feedback_import_rows (
  import_id      uuid NOT NULL REFERENCES feedback_imports (id) ON DELETE CASCADE,
  -- The row's number in the file as a spreadsheet shows it: the header is row 1.
  row_number     integer NOT NULL,
  -- What dedupes it, as feedback_items' unique indexes do: its source id, else its content hash.
  dedupe_key     text NOT NULL,
  source_id      text,
  content_hash   text NOT NULL,
  title          text,
  text           text NOT NULL,
  author_name    text,
  author_email   text,
  author_company text,
  received_at    timestamptz NOT NULL,
  PRIMARY KEY (import_id, row_number),
  -- The same feedback twice in one file is staged once; the later rows are duplicates.
  UNIQUE (import_id, dedupe_key)
);
