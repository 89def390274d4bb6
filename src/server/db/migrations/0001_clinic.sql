-- The clinic: organization, regions, locations with hours, rooms, practitioners,
-- visit types. Every clinical row carries organization_id (see DESIGN "Scale").
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE organization (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug text NOT NULL UNIQUE,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE region (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organization(id),
  name text NOT NULL,
  sort int NOT NULL DEFAULT 0
);

CREATE TABLE location (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organization(id),
  region_id uuid NOT NULL REFERENCES region(id),
  slug text NOT NULL,
  name text NOT NULL,
  line1 text NOT NULL,
  city text NOT NULL,
  state text NOT NULL,
  postal_code text NOT NULL,
  phone text NOT NULL,
  time_zone text NOT NULL,
  sort int NOT NULL DEFAULT 0,
  UNIQUE (organization_id, slug)
);

-- Wall-clock opening hours in the location's zone, as minutes since local midnight.
CREATE TABLE location_hours (
  location_id uuid NOT NULL REFERENCES location(id) ON DELETE CASCADE,
  weekday smallint NOT NULL CHECK (weekday BETWEEN 0 AND 6),
  opens_min smallint NOT NULL CHECK (opens_min BETWEEN 0 AND 1440),
  closes_min smallint NOT NULL CHECK (closes_min BETWEEN 0 AND 1440),
  CHECK (opens_min < closes_min),
  PRIMARY KEY (location_id, weekday, opens_min)
);

CREATE TABLE room (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organization(id),
  location_id uuid NOT NULL REFERENCES location(id),
  name text NOT NULL,
  capabilities text[] NOT NULL CHECK (cardinality(capabilities) > 0),
  active boolean NOT NULL DEFAULT true,
  UNIQUE (location_id, name)
);

CREATE TABLE practitioner (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organization(id),
  name text NOT NULL,
  credentials text NOT NULL,
  role text NOT NULL CHECK (role IN ('physician', 'nurse_practitioner', 'physician_assistant', 'physical_therapist', 'psychologist')),
  bio_en text NOT NULL DEFAULT '',
  bio_es text NOT NULL DEFAULT '',
  active boolean NOT NULL DEFAULT true,
  sort int NOT NULL DEFAULT 0
);

-- Durations, buffers and booking windows are configurable per clinic
-- (fbss-pathway.md 7.2 and 8.1: room and slot times are defaults, status U).
CREATE TABLE visit_type (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organization(id),
  code text NOT NULL,
  name_en text NOT NULL,
  name_es text NOT NULL,
  description_en text NOT NULL DEFAULT '',
  description_es text NOT NULL DEFAULT '',
  duration_min int NOT NULL CHECK (duration_min BETWEEN 5 AND 480),
  buffer_before_min int NOT NULL DEFAULT 0 CHECK (buffer_before_min BETWEEN 0 AND 240),
  buffer_after_min int NOT NULL DEFAULT 0 CHECK (buffer_after_min BETWEEN 0 AND 240),
  room_capability text NOT NULL,
  slot_step_min int NOT NULL DEFAULT 15 CHECK (slot_step_min BETWEEN 5 AND 240),
  min_notice_min int NOT NULL DEFAULT 120 CHECK (min_notice_min >= 0),
  horizon_days int NOT NULL DEFAULT 90 CHECK (horizon_days BETWEEN 1 AND 730),
  bookable_online boolean NOT NULL DEFAULT false,
  cpt_codes text[] NOT NULL DEFAULT '{}',
  sort int NOT NULL DEFAULT 0,
  UNIQUE (organization_id, code)
);

CREATE TABLE practitioner_visit_type (
  practitioner_id uuid NOT NULL REFERENCES practitioner(id) ON DELETE CASCADE,
  visit_type_id uuid NOT NULL REFERENCES visit_type(id) ON DELETE CASCADE,
  PRIMARY KEY (practitioner_id, visit_type_id)
);
