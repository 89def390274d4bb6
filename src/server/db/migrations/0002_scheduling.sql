-- Schedules and appointments. The exclusion constraints are the arbiter of
-- every booking race: no practitioner, room or patient is ever double-booked.

-- Weekly wall-clock hours of a practitioner at a location (minutes since local
-- midnight in the location's zone), optionally bounded by local dates.
CREATE TABLE working_hours (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organization(id),
  practitioner_id uuid NOT NULL REFERENCES practitioner(id) ON DELETE CASCADE,
  location_id uuid NOT NULL REFERENCES location(id),
  weekday smallint NOT NULL CHECK (weekday BETWEEN 0 AND 6),
  start_min smallint NOT NULL CHECK (start_min BETWEEN 0 AND 1440),
  end_min smallint NOT NULL CHECK (end_min BETWEEN 0 AND 1440),
  valid_from date,
  valid_to date,
  CHECK (start_min < end_min),
  CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to)
);
CREATE INDEX working_hours_practitioner ON working_hours (practitioner_id);

CREATE TABLE time_off (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organization(id),
  practitioner_id uuid NOT NULL REFERENCES practitioner(id) ON DELETE CASCADE,
  during tstzrange NOT NULL CHECK (NOT isempty(during)),
  reason text NOT NULL DEFAULT ''
);
CREATE INDEX time_off_during ON time_off USING gist (practitioner_id, during);

-- A clinic holiday closes one location (location_id set) or all of them.
CREATE TABLE holiday (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organization(id),
  location_id uuid REFERENCES location(id),
  day date NOT NULL,
  name text NOT NULL
);
CREATE UNIQUE INDEX holiday_once ON holiday (organization_id, day, coalesce(location_id, '00000000-0000-0000-0000-000000000000'::uuid));

CREATE TABLE patient (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organization(id),
  first_name text NOT NULL,
  last_name text NOT NULL,
  date_of_birth date NOT NULL,
  phone text NOT NULL,
  email text NOT NULL,
  preferred_language text NOT NULL DEFAULT 'en' CHECK (preferred_language IN ('en', 'es')),
  created_at timestamptz NOT NULL DEFAULT now()
);
-- An online booking matches an existing record only on name, birth date and
-- email together: a looser match could attach a booking to the wrong chart.
CREATE UNIQUE INDEX patient_match ON patient (organization_id, date_of_birth, lower(last_name), lower(first_name), lower(email));

CREATE TABLE appointment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organization(id),
  patient_id uuid NOT NULL REFERENCES patient(id),
  practitioner_id uuid NOT NULL REFERENCES practitioner(id),
  location_id uuid NOT NULL REFERENCES location(id),
  room_id uuid NOT NULL REFERENCES room(id),
  visit_type_id uuid NOT NULL REFERENCES visit_type(id),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  -- The visit plus its buffers: what the practitioner and the room are held for.
  blocked tstzrange NOT NULL,
  status text NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'checked_in', 'completed', 'no_show', 'cancelled')),
  reason text NOT NULL,
  heard_about text,
  referring_doctor text,
  booked_via text NOT NULL CHECK (booked_via IN ('web', 'staff')),
  confirmation_code_hash text NOT NULL,
  cancel_reason text,
  cancelled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at),
  CHECK (lower(blocked) <= starts_at AND upper(blocked) >= ends_at),
  CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)),
  CONSTRAINT appointment_practitioner_free EXCLUDE USING gist (practitioner_id WITH =, blocked WITH &&) WHERE (status <> 'cancelled'),
  CONSTRAINT appointment_room_free EXCLUDE USING gist (room_id WITH =, blocked WITH &&) WHERE (status <> 'cancelled'),
  CONSTRAINT appointment_patient_free EXCLUDE USING gist (patient_id WITH =, tstzrange(starts_at, ends_at) WITH &&) WHERE (status <> 'cancelled')
);
CREATE INDEX appointment_location_time ON appointment (location_id, starts_at) WHERE status <> 'cancelled';

-- A retried request with the same Idempotency-Key gets the first answer back.
CREATE TABLE idempotency_key (
  organization_id uuid NOT NULL REFERENCES organization(id),
  scope text NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  status_code int,
  response jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, scope, key)
);
