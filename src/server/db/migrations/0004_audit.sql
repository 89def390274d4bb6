-- The audit trail: every access to health information, every sign-in and
-- permission change (45 CFR 164.312(b) audit controls, (c) integrity).
-- Append-only: updates, deletes and truncation are refused by triggers.
-- Hash-chained per organization: each event's hash covers its content and the
-- previous event's hash, so an altered, removed or reordered event breaks the
-- chain that `npm run audit:verify` recomputes.
CREATE TABLE audit_event (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organization(id),
  chain_pos bigint NOT NULL,
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
  prev_hash text NOT NULL,
  hash text NOT NULL,
  UNIQUE (organization_id, chain_pos)
);
CREATE INDEX audit_event_patient ON audit_event (organization_id, patient_id, occurred_at) WHERE patient_id IS NOT NULL;
CREATE INDEX audit_event_actor ON audit_event (organization_id, actor_user_id, occurred_at);
CREATE INDEX audit_event_time ON audit_event (organization_id, occurred_at);

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

-- Links each new event to the chain. The advisory lock serialises appends per
-- organization, so positions are assigned in commit order without gaps.
CREATE FUNCTION audit_event_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last record;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('audit_event:' || NEW.organization_id::text, 0));
  SELECT chain_pos, hash INTO last FROM audit_event
   WHERE organization_id = NEW.organization_id ORDER BY chain_pos DESC LIMIT 1;
  NEW.chain_pos := coalesce(last.chain_pos, 0) + 1;
  NEW.prev_hash := coalesce(last.hash, repeat('0', 64));
  NEW.hash := audit_hash(NEW);
  RETURN NEW;
END
$$;

CREATE FUNCTION audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_event_chain BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_chain();
CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_change();
