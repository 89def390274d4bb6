-- Stored files (issue 10, platform part `files`): attachments, signed forms and
-- generated PDFs, kept in the database by default so that a file is written in
-- the same transaction as the row that owns it (a referral, a signature) and is
-- backed up, replicated and restored with it.
--
-- `sha256` is the hash of `content`; `media_type` was read from the bytes, never
-- taken from a file name or a client's Content-Type, and only the types the
-- platform accepts may be stored. The same bytes are stored once per
-- organization (the unique key), and every owner points at that one row.
-- PostgreSQL 15 syntax; PGlite 18 runs it unchanged.
CREATE TABLE stored_file (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organization(id),
  sha256 bytea NOT NULL CHECK (octet_length(sha256) = 32),
  media_type text NOT NULL CHECK (media_type IN ('application/pdf', 'image/png', 'image/jpeg')),
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  content bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT stored_file_size_matches CHECK (octet_length(content) = size_bytes),
  CONSTRAINT stored_file_once_per_organization UNIQUE (organization_id, sha256)
);
-- Already-compressed formats (PDF streams, PNG, JPEG) gain nothing from TOAST
-- compression: store them out of line as they are and save the CPU.
ALTER TABLE stored_file ALTER COLUMN content SET STORAGE EXTERNAL;
