-- Notices about anything, not only appointments (issue 10, item 5): each row
-- names its subject (what it is about) and the template and language it was
-- rendered from. The row keeps the rendered text, so delivery never renders.
ALTER TABLE outbox ADD COLUMN subject_type text CHECK (subject_type ~ '^[a-z][a-z_]{0,39}$');
ALTER TABLE outbox ADD COLUMN subject_id uuid;
ALTER TABLE outbox ADD CONSTRAINT outbox_subject_pair CHECK ((subject_type IS NULL) = (subject_id IS NULL));
-- appointment_id stays, as the foreign key of appointment subjects: it is set
-- exactly when the subject is an appointment, and then equals subject_id.
ALTER TABLE outbox ADD CONSTRAINT outbox_appointment_subject
  CHECK (appointment_id IS NULL OR (subject_type = 'appointment' AND subject_id = appointment_id));
UPDATE outbox SET subject_type = 'appointment', subject_id = appointment_id WHERE appointment_id IS NOT NULL;

ALTER TABLE outbox ADD COLUMN language text NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'es'));
UPDATE outbox o SET language = p.preferred_language
  FROM appointment a JOIN patient p ON p.id = a.patient_id
  WHERE a.id = o.appointment_id;
-- From now on every writer says which language it rendered.
ALTER TABLE outbox ALTER COLUMN language DROP DEFAULT;

-- The registry's names for the two invitations (the old ones did not say whose).
UPDATE outbox SET template = 'account.staff_invitation' WHERE template = 'account.invite';
UPDATE outbox SET template = 'account.caregiver_invitation' WHERE template = 'account.caregiver_invite';

CREATE INDEX outbox_subject ON outbox (subject_type, subject_id, created_at) WHERE subject_id IS NOT NULL;
-- The staff list of notices that failed or wait, newest first.
CREATE INDEX outbox_unsent ON outbox (organization_id, status, created_at DESC) WHERE status <> 'sent';

-- An account's own language for the emails it gets. Null means: the linked
-- patient's preferred language, else English (staff). A caregiver invited by
-- a patient gets the patient's language until they choose one.
ALTER TABLE app_user ADD COLUMN preferred_language text CHECK (preferred_language IN ('en', 'es'));
-- Caregivers invited before this: the language of the first patient who shared with them.
UPDATE app_user u SET preferred_language = (
  SELECT p.preferred_language FROM caregiver_grant g JOIN patient p ON p.id = g.patient_id
  WHERE g.caregiver_user_id = u.id ORDER BY g.created_at, g.id LIMIT 1)
WHERE u.role = 'caregiver';
