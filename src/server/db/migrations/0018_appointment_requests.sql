-- A patient's request for a visit the clinic books itself (issue 12): a visit
-- type whose online policy is 'request_only' becomes a request, a desk task,
-- never a booking. The desk books from it (the appointment it made is named
-- here, written in the booking's own statement) or declines it with a reason
-- the patient reads. Preferred days and times are words of the patient's
-- choosing: the desk reads them, nothing schedules from them.
CREATE TABLE appointment_request (
  id uuid PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organization(id),
  patient_id uuid NOT NULL REFERENCES patient(id),
  visit_type_id uuid NOT NULL REFERENCES visit_type(id),
  location_id uuid REFERENCES location(id),
  -- Weekdays 1 (Monday) to 7 (Sunday), and parts of the day.
  preferred_days smallint[] NOT NULL DEFAULT '{}' CHECK (preferred_days <@ ARRAY[1, 2, 3, 4, 5, 6, 7]::smallint[]),
  preferred_times text[] NOT NULL DEFAULT '{}' CHECK (preferred_times <@ ARRAY['morning', 'afternoon', 'evening']::text[]),
  note text NOT NULL DEFAULT '' CHECK (length(note) <= 1000),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'booked', 'declined', 'withdrawn')),
  -- Who asked: the patient or a caregiver (their account), for the desk to call back the right person.
  requested_by uuid REFERENCES app_user(id),
  created_at timestamptz NOT NULL,
  decided_at timestamptz,
  decided_by uuid REFERENCES app_user(id),
  decline_reason text CHECK (length(decline_reason) <= 500),
  appointment_id uuid REFERENCES appointment(id),
  CHECK ((status = 'open') = (decided_at IS NULL)),
  CHECK ((status = 'booked') = (appointment_id IS NOT NULL)),
  CHECK ((status = 'declined') = (decline_reason IS NOT NULL))
);
-- The desk's open list, oldest first; a patient's own, newest first.
CREATE INDEX appointment_request_open ON appointment_request (organization_id, created_at) WHERE status = 'open';
CREATE INDEX appointment_request_patient ON appointment_request (patient_id, created_at);
-- One open request per patient and visit type: a second click is the same request.
CREATE UNIQUE INDEX appointment_request_one_open ON appointment_request (patient_id, visit_type_id) WHERE status = 'open';
