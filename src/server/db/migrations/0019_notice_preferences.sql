-- Issue 12, item 5: how each patient wants to hear from the clinic. One row per
-- patient; each kind of notice goes by email, SMS or both (account and security
-- emails always go by email and have no column). No row: email for every kind.
CREATE TABLE notice_preference (
  patient_id uuid PRIMARY KEY REFERENCES patient(id),
  organization_id uuid NOT NULL REFERENCES organization(id),
  appointment_reminder text NOT NULL DEFAULT 'email' CHECK (appointment_reminder IN ('email', 'sms', 'both')),
  appointment_change text NOT NULL DEFAULT 'email' CHECK (appointment_change IN ('email', 'sms', 'both')),
  message text NOT NULL DEFAULT 'email' CHECK (message IN ('email', 'sms', 'both')),
  waitlist_offer text NOT NULL DEFAULT 'email' CHECK (waitlist_offer IN ('email', 'sms', 'both')),
  -- The patient's own quiet hours ('HH:MM' in the location's zone); null: the clinic's default.
  quiet_start text CHECK (quiet_start ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  quiet_end text CHECK (quiet_end ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT notice_preference_quiet_pair CHECK ((quiet_start IS NULL) = (quiet_end IS NULL))
);
CREATE INDEX notice_preference_org ON notice_preference (organization_id);

-- A notice that must not go out any more (a reminder of a visit cancelled or
-- moved, or one that began before it could be sent) is 'cancelled': kept,
-- visible, never sent.
ALTER TABLE outbox DROP CONSTRAINT outbox_status_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_status_check CHECK (status IN ('pending', 'sent', 'failed', 'cancelled'));
-- The kind of notice the patient's preferences chose the channel by (null: not a patient notice).
ALTER TABLE outbox ADD COLUMN kind text CHECK (kind IN ('appointment_reminder', 'appointment_change', 'message', 'waitlist_offer'));
ALTER TABLE outbox ADD COLUMN patient_id uuid REFERENCES patient(id);
-- An SMS is never sent inside its quiet hours, read in this zone; delivery holds it until they end.
ALTER TABLE outbox ADD COLUMN quiet_start text;
ALTER TABLE outbox ADD COLUMN quiet_end text;
ALTER TABLE outbox ADD COLUMN time_zone text;
ALTER TABLE outbox ADD CONSTRAINT outbox_quiet_hours CHECK ((quiet_start IS NULL) = (quiet_end IS NULL) AND (quiet_start IS NULL OR time_zone IS NOT NULL));
-- Not sent at or after this instant (a reminder is pointless once its visit has begun).
ALTER TABLE outbox ADD COLUMN expires_at timestamptz;
-- Cancelling a visit's pending reminders.
CREATE INDEX outbox_appointment_pending ON outbox (appointment_id) WHERE status = 'pending' AND appointment_id IS NOT NULL;
