-- A clinic's own settings (issue 11): what the console edits and the settings
-- document carries. PostgreSQL 15 syntax; PGlite 18 runs it unchanged.

ALTER TABLE organization
  ADD COLUMN main_phone text NOT NULL DEFAULT '',
  ADD COLUMN billing_phone text NOT NULL DEFAULT '',
  ADD COLUMN website_url text NOT NULL DEFAULT '',
  ADD COLUMN logo_file_id uuid REFERENCES stored_file(id),
  -- Online booking opens when the admin says so after the set-up checklist; a
  -- clinic that existed before this migration (the demo) was already open.
  ADD COLUMN online_booking boolean NOT NULL DEFAULT true;

ALTER TABLE region ADD CONSTRAINT region_name_once UNIQUE (organization_id, name);

ALTER TABLE location
  ADD COLUMN line2 text NOT NULL DEFAULT '',
  ADD COLUMN fax text NOT NULL DEFAULT '',
  ADD COLUMN active boolean NOT NULL DEFAULT true,
  ADD CONSTRAINT location_name_once UNIQUE (organization_id, name);

ALTER TABLE practitioner
  ADD COLUMN languages text[] NOT NULL DEFAULT '{en}' CHECK (cardinality(languages) > 0),
  ADD CONSTRAINT practitioner_name_once UNIQUE (organization_id, name);

-- Who may book a visit type online replaces the yes/no "bookable online".
ALTER TABLE visit_type
  ADD COLUMN online text NOT NULL DEFAULT 'staff_only' CHECK (online IN ('anyone', 'established', 'request_only', 'staff_only')),
  ADD COLUMN cancel_cutoff_min int NOT NULL DEFAULT 1440 CHECK (cancel_cutoff_min BETWEEN 0 AND 43200),
  ADD COLUMN instructions_en text NOT NULL DEFAULT '',
  ADD COLUMN instructions_es text NOT NULL DEFAULT '',
  ADD COLUMN active boolean NOT NULL DEFAULT true;
UPDATE visit_type SET online = CASE WHEN bookable_online THEN 'anyone' ELSE 'staff_only' END;
ALTER TABLE visit_type DROP COLUMN bookable_online;
ALTER TABLE visit_type ADD CONSTRAINT visit_type_name_once UNIQUE (organization_id, name_en);
