-- Secure messages (issue 12): threads between a patient (or a caregiver with
-- full access) and the clinic's staff pools, their messages (internal notes
-- among them, never shown to the patient side), attachments stored through
-- the files platform (stored_file, migration 0011) in the message's own
-- transaction, per-user read markers for unread counts on both sides, and the
-- answers stored for Idempotency-Key retries. PostgreSQL 15 syntax; PGlite 18
-- runs it unchanged.

-- The clinic's expected reply time, shown on every compose screen.
ALTER TABLE organization
  ADD COLUMN message_reply_business_days int NOT NULL DEFAULT 2 CHECK (message_reply_business_days BETWEEN 1 AND 30);

CREATE TABLE message_thread (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organization(id),
  patient_id uuid NOT NULL REFERENCES patient(id),
  topic text NOT NULL CHECK (topic IN ('medical', 'scheduling', 'billing', 'forms_records', 'other')),
  pool text NOT NULL CHECK (pool IN ('nursing', 'front_desk', 'billing')),
  subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 120),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  assignee_user_id uuid REFERENCES app_user(id),
  created_by_user_id uuid NOT NULL REFERENCES app_user(id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  closed_at timestamptz,
  -- The newest message the patient side may see (never a note): the inboxes'
  -- order, "waiting on the patient", and the seq unread counts compare with.
  last_public_at timestamptz NOT NULL,
  last_public_seq bigint NOT NULL DEFAULT 0,
  last_public_kind text NOT NULL CHECK (last_public_kind IN ('patient', 'caregiver', 'staff')),
  public_count int NOT NULL DEFAULT 0 CHECK (public_count >= 0),
  CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);
-- The patient's inbox; the staff inboxes by pool and by assignee, newest first.
CREATE INDEX message_thread_patient ON message_thread (organization_id, patient_id, last_public_at DESC, id DESC);
CREATE INDEX message_thread_pool ON message_thread (organization_id, pool, status, last_public_at DESC, id DESC);
CREATE INDEX message_thread_assignee ON message_thread (organization_id, assignee_user_id, status, last_public_at DESC, id DESC) WHERE assignee_user_id IS NOT NULL;

CREATE TABLE message (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organization(id),
  thread_id uuid NOT NULL REFERENCES message_thread(id),
  -- Insertion order: two messages of one thread may share a timestamp.
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  author_user_id uuid NOT NULL REFERENCES app_user(id),
  author_kind text NOT NULL CHECK (author_kind IN ('patient', 'caregiver', 'staff')),
  -- An internal note: staff only, and never on a patient route.
  internal boolean NOT NULL DEFAULT false CHECK (NOT internal OR author_kind = 'staff'),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
  created_at timestamptz NOT NULL
);
CREATE INDEX message_thread_seq ON message (thread_id, seq);

CREATE TABLE message_attachment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organization(id),
  message_id uuid NOT NULL REFERENCES message(id),
  file_id uuid NOT NULL REFERENCES stored_file(id),
  -- The uploader's file name, made safe (shown, and the download's name).
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  position smallint NOT NULL CHECK (position BETWEEN 0 AND 4),
  UNIQUE (message_id, position)
);

-- How far each person has read each thread (patients, caregivers and staff alike).
CREATE TABLE message_read (
  organization_id uuid NOT NULL REFERENCES organization(id),
  thread_id uuid NOT NULL REFERENCES message_thread(id),
  user_id uuid NOT NULL REFERENCES app_user(id),
  last_read_seq bigint NOT NULL,
  read_at timestamptz NOT NULL,
  PRIMARY KEY (thread_id, user_id)
);
CREATE INDEX message_read_user ON message_read (user_id);

-- A retried POST with the same Idempotency-Key answers the stored 201.
CREATE TABLE message_idempotency (
  organization_id uuid NOT NULL REFERENCES organization(id),
  user_id uuid NOT NULL REFERENCES app_user(id),
  key text NOT NULL,
  request_hash text NOT NULL,
  response jsonb,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (organization_id, user_id, key)
);
