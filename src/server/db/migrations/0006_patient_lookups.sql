-- A patient's own appointments (the portal, the desk's patient panel) were read
-- by scanning the table: nothing indexed patient_id outside the GiST exclusion
-- index, which needs the time range too.
CREATE INDEX appointment_patient ON appointment (organization_id, patient_id, starts_at DESC);
