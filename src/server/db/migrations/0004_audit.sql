-- The audit trail: every access to health information, every sign-in and
-- permission change (45 CFR 164.312(b) audit controls, (c) integrity).
--
-- Append-only: deletes and truncation are refused by triggers, and an update
-- is refused unless it only seals an unsealed event (below).
--
-- Hash-chained per organization: each sealed event's hash covers its content
-- and the previous event's hash, so an altered, removed or reordered event
-- breaks the chain that `npm run audit:verify` recomputes. Events are written
-- unsealed, with no lock, so audited requests do not queue behind each other's
-- commits; audit_seal() links them into the chain in one statement under a
-- per-organization lock, every second and before any report or verification.
-- Few indexes on purpose: every event is inserted and then sealed, and each
-- index is written both times. Reports order by seq; disclosures go by patient.
CREATE TABLE audit_event (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organization(id),
  occurred_at timestamptz NOT NULL,
  actor_user_id uuid,
  actor_role text NOT NULL,
  action text NOT NULL,
  resource_type text NOT NULL,
  resource_id text,
  patient_id uuid,
  source_ip text,
  user_agent text,
  outcome text NOT NULL CHECK (outcome IN ('success', 'denied', 'failure')),
  reason text,
  request_id text,
  chain_pos bigint,
  prev_hash text,
  hash text,
  CHECK ((chain_pos IS NULL) = (hash IS NULL) AND (hash IS NULL) = (prev_hash IS NULL)),
  UNIQUE (organization_id, chain_pos)
);
CREATE INDEX audit_event_unsealed ON audit_event (organization_id, seq) WHERE hash IS NULL;
CREATE INDEX audit_event_patient ON audit_event (organization_id, patient_id, seq) WHERE patient_id IS NOT NULL;
CREATE INDEX audit_event_actor ON audit_event (organization_id, actor_user_id, seq) WHERE actor_user_id IS NOT NULL;

-- The exact text an event's hash covers. JSON escaping keeps field boundaries
-- unambiguous; the instant is in microseconds so no TimeZone setting changes it.
CREATE FUNCTION audit_canonical(e audit_event) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT json_build_array(
    e.organization_id::text, e.chain_pos, (extract(epoch FROM e.occurred_at) * 1000000)::bigint,
    e.actor_user_id::text, e.actor_role, e.action, e.resource_type, e.resource_id, e.patient_id::text,
    e.source_ip, e.user_agent, e.outcome, e.reason, e.request_id, e.prev_hash
  )::text
$$;

CREATE FUNCTION audit_hash(e audit_event) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(audit_canonical(e), 'UTF8')), 'hex')
$$;

-- Links every unsealed event of an organization into its chain, in insertion
-- order, and returns how many it sealed. Concurrent sealers wait on the lock.
-- The chain is computed row by row (each hash needs the one before) and then
-- written with one set-based UPDATE.
CREATE FUNCTION audit_seal(org uuid) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  last_pos bigint;
  last_hash text;
  e audit_event;
  seqs bigint[] := '{}';
  positions bigint[] := '{}';
  prevs text[] := '{}';
  hashes text[] := '{}';
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('audit_event:' || org::text, 0));
  SELECT chain_pos, hash INTO last_pos, last_hash FROM audit_event
   WHERE organization_id = org AND chain_pos IS NOT NULL ORDER BY chain_pos DESC LIMIT 1;
  last_pos := coalesce(last_pos, 0);
  last_hash := coalesce(last_hash, repeat('0', 64));
  FOR e IN SELECT * FROM audit_event WHERE organization_id = org AND hash IS NULL ORDER BY seq FOR UPDATE LOOP
    e.chain_pos := last_pos + 1;
    e.prev_hash := last_hash;
    e.hash := audit_hash(e);
    seqs := seqs || e.seq;
    positions := positions || e.chain_pos;
    prevs := prevs || e.prev_hash;
    hashes := hashes || e.hash;
    last_pos := e.chain_pos;
    last_hash := e.hash;
  END LOOP;
  UPDATE audit_event a SET chain_pos = s.pos, prev_hash = s.prev, hash = s.h
    FROM unnest(seqs, positions, prevs, hashes) AS s(seq, pos, prev, h)
   WHERE a.seq = s.seq;
  RETURN cardinality(seqs);
END
$$;

-- Sealing is the only change ever allowed: it sets the chain columns of an
-- unsealed event and leaves everything else as it was.
CREATE FUNCTION audit_event_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.hash IS NULL AND NEW.hash IS NOT NULL
     AND (OLD.id, OLD.seq, OLD.organization_id, OLD.occurred_at, OLD.actor_user_id, OLD.actor_role, OLD.action,
          OLD.resource_type, OLD.resource_id, OLD.patient_id, OLD.source_ip, OLD.user_agent, OLD.outcome, OLD.reason, OLD.request_id)
     IS NOT DISTINCT FROM
         (NEW.id, NEW.seq, NEW.organization_id, NEW.occurred_at, NEW.actor_user_id, NEW.actor_role, NEW.action,
          NEW.resource_type, NEW.resource_id, NEW.patient_id, NEW.source_ip, NEW.user_agent, NEW.outcome, NEW.reason, NEW.request_id)
  THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_guard();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event FOR EACH STATEMENT EXECUTE FUNCTION audit_event_guard();
