-- Issue 12: a patient's private calendar feed and the earlier-visit waitlist.

-- One feed per patient. Only the token's SHA-256 is kept: the URL is shown
-- once; renewing replaces the hash (the old URL stops working), revoking
-- deletes the row.
CREATE TABLE calendar_feed (
  patient_id uuid PRIMARY KEY REFERENCES patient(id),
  organization_id uuid NOT NULL REFERENCES organization(id),
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A patient with a booked visit asking for an earlier one. `position` is the
-- waitlist order (first come, first served). At most one waiting entry per visit.
CREATE TABLE waitlist_entry (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organization(id),
  patient_id uuid NOT NULL REFERENCES patient(id),
  appointment_id uuid NOT NULL REFERENCES appointment(id),
  position bigint GENERATED ALWAYS AS IDENTITY,
  weekdays smallint[] NOT NULL CHECK (cardinality(weekdays) BETWEEN 1 AND 7),
  -- 'morning' (starts before noon) and/or 'afternoon', local to the visit's location.
  parts text[] NOT NULL DEFAULT '{}',
  -- Local wall-clock windows: [{"from":"HH:MM","to":"HH:MM"}].
  windows jsonb NOT NULL DEFAULT '[]',
  channel text NOT NULL CHECK (channel IN ('email', 'sms', 'both')),
  status text NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'fulfilled', 'left', 'ended')),
  created_at timestamptz NOT NULL DEFAULT now(),
  ended_at timestamptz,
  CHECK ((status = 'waiting') = (ended_at IS NULL))
);
CREATE UNIQUE INDEX waitlist_entry_waiting ON waitlist_entry (appointment_id) WHERE status = 'waiting';
CREATE INDEX waitlist_entry_order ON waitlist_entry (organization_id, position) WHERE status = 'waiting';

-- An offer of one open slot to one entry, with a link token (hash only) and an
-- expiry. The offers of one slot are locked together when one is accepted:
-- the first acceptance takes the slot and the others become 'taken'.
CREATE TABLE waitlist_offer (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organization(id),
  entry_id uuid NOT NULL REFERENCES waitlist_entry(id),
  patient_id uuid NOT NULL REFERENCES patient(id),
  appointment_id uuid NOT NULL REFERENCES appointment(id),
  visit_type_id uuid NOT NULL REFERENCES visit_type(id),
  practitioner_id uuid NOT NULL REFERENCES practitioner(id),
  location_id uuid NOT NULL REFERENCES location(id),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  token_hash text NOT NULL UNIQUE,
  channel text NOT NULL CHECK (channel IN ('email', 'sms', 'both')),
  status text NOT NULL DEFAULT 'sent' CHECK (status IN ('sent', 'accepted', 'expired', 'taken', 'withdrawn')),
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  decided_at timestamptz,
  new_appointment_id uuid REFERENCES appointment(id),
  CHECK ((status = 'sent') = (decided_at IS NULL))
);
CREATE UNIQUE INDEX waitlist_offer_once ON waitlist_offer (entry_id, practitioner_id, starts_at);
CREATE INDEX waitlist_offer_slot ON waitlist_offer (organization_id, practitioner_id, starts_at);
CREATE INDEX waitlist_offer_recent ON waitlist_offer (organization_id, created_at DESC);

-- Time that may have opened (a cancellation, a block removed, the clinic's
-- hours changed), written in the transaction of that change: the offers job
-- reads these rows, so a crash between the change and the job loses nothing.
-- A row without a location is "anywhere, the next weeks" (a settings change).
CREATE TABLE waitlist_opening (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  organization_id uuid NOT NULL REFERENCES organization(id),
  location_id uuid REFERENCES location(id),
  practitioner_id uuid REFERENCES practitioner(id),
  from_at timestamptz,
  to_at timestamptz,
  cause text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  processed_at timestamptz
);
CREATE INDEX waitlist_opening_due ON waitlist_opening (organization_id, id) WHERE processed_at IS NULL;
-- A settings change asks twice (before and after its write): one waiting general opening is enough.
CREATE UNIQUE INDEX waitlist_opening_general ON waitlist_opening (organization_id) WHERE processed_at IS NULL AND location_id IS NULL;
