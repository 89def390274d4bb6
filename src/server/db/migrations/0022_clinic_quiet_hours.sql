-- Issue 12: the clinic's quiet hours for text messages (a typical-practice default, so a setting, not a
-- constant): a patient who chose none has these. Wall-clock 'HH:MM' in each location's zone; start = end
-- means never quiet.
ALTER TABLE organization
  ADD COLUMN sms_quiet_start text NOT NULL DEFAULT '21:00' CHECK (sms_quiet_start ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  ADD COLUMN sms_quiet_end text NOT NULL DEFAULT '08:00' CHECK (sms_quiet_end ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$');
