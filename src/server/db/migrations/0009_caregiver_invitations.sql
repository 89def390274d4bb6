-- A caregiver invitation to an email that belongs to an account of another
-- kind (staff, a patient) cannot be used. The invitation answers the same
-- either way, so that it tells no one whether an email has an account; the
-- row is kept, granting nothing, so that the patient sees in the portal that
-- it could not be used and can ask for another email (issue 9, defect 8).
ALTER TABLE caregiver_grant ALTER COLUMN caregiver_user_id DROP NOT NULL;
ALTER TABLE caregiver_grant ADD COLUMN unusable_email text CHECK (length(unusable_email) <= 254);
ALTER TABLE caregiver_grant ADD COLUMN invited_name text CHECK (length(invited_name) <= 120);
ALTER TABLE caregiver_grant ADD CONSTRAINT caregiver_grant_target CHECK ((caregiver_user_id IS NULL) <> (unusable_email IS NULL));
