-- Patients are matched by name without regard to case or accents: "José
-- Núñez" typed as "Jose Nunez" on a phone keyboard is the same person (issue
-- 10). unaccent is a contrib extension that the embedded database would have
-- to load by hand; the letters Spanish and English names use are folded here
-- instead, upper case too, since lower() leaves non-ASCII letters alone under
-- the C locale.
CREATE FUNCTION relief_fold(t text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT translate(lower(t),
    'ÁÀÂÄÃÅÉÈÊËÍÌÎÏÓÒÔÖÕÚÙÛÜÑÇÝáàâäãåéèêëíìîïóòôöõúùûüñçýÿ',
    'aaaaaaeeeeiiiiooooouuuuncyaaaaaaeeeeiiiiooooouuuuncyy') $$;

CREATE INDEX patient_folded_name ON patient (organization_id, date_of_birth, relief_fold(last_name), relief_fold(first_name));
