-- The audit trail becomes insert-only: events are never updated, not even to
-- seal them. Until now each event was sealed by an UPDATE that wrote its chain
-- position and hashes: a second heap tuple, a row lock and four index entries
-- per event, and a dead tuple for vacuum, on the busiest table of the system.
--
-- Now the sealer appends one block per round instead. A block lists the events
-- it covers (by seq, in seq order) with each event's digest, and its own hash
-- covers those digests and the previous block's hash. So an event that is
-- altered no longer matches its digest, a removed one is missing from the
-- table, an event slipped into a sealed range is not listed by its block, and
-- a block altered, removed or reordered breaks the link from the next one.
--
-- Which events a block covers is decided by the transaction that wrote them:
-- every event records its top-level transaction id (xact), and block k covers
-- exactly the events whose xact lies in [xact_from, xact_to). The sealer takes
-- xact_to below every transaction of this database still running, so an event
-- whose transaction has not committed yet can never fall into a range already
-- sealed: it lands in a later block, whatever its seq.

-- Events written before this migration count as transaction 0; those written
-- after take the writer's transaction id (constant default: no table rewrite).
ALTER TABLE audit_event ADD COLUMN xact bigint NOT NULL DEFAULT 0;
ALTER TABLE audit_event ALTER COLUMN xact SET DEFAULT (pg_current_xact_id()::text::bigint);
CREATE INDEX audit_event_xact ON audit_event (organization_id, xact);
-- The per-event chain columns stay as history (an old event's digest covers
-- them), but nothing is indexed by them any more.
DROP INDEX audit_event_unsealed;
DROP INDEX audit_event_chain;

-- An event's digest: the SHA-256 of the canonical text its old hash covered,
-- so an event sealed under the old scheme keeps its hash (hex of the digest).
CREATE FUNCTION audit_digest(e audit_event) RETURNS bytea LANGUAGE sql STABLE AS $$
  SELECT sha256(convert_to(audit_canonical(e), 'UTF8'))
$$;

CREATE TABLE audit_block (
  organization_id uuid NOT NULL,
  block_no bigint NOT NULL,
  xact_from bigint NOT NULL,
  xact_to bigint NOT NULL,
  seqs bigint[] NOT NULL,
  digests bytea[] NOT NULL,
  prev_hash bytea NOT NULL,
  hash bytea NOT NULL,
  sealed_at timestamptz NOT NULL,
  PRIMARY KEY (organization_id, block_no),
  CHECK (xact_from < xact_to),
  CHECK (cardinality(seqs) = cardinality(digests))
);

-- A block's hash: its place, its range, its events and their digests, in
-- order, chained to the previous block's hash.
CREATE FUNCTION audit_block_hash(b audit_block) RETURNS bytea LANGUAGE sql STABLE AS $$
  SELECT sha256(
    convert_to(json_build_array(b.organization_id::text, b.block_no, b.xact_from, b.xact_to, b.seqs,
      encode(b.prev_hash, 'hex'), (extract(epoch FROM b.sealed_at) * 1000000)::bigint)::text, 'UTF8')
    || coalesce((SELECT string_agg(d, ''::bytea ORDER BY i) FROM unnest(b.digests) WITH ORDINALITY AS u(d, i)), ''::bytea))
$$;

-- Below every transaction of this database that may still commit an event:
-- the oldest one still running (or prepared) here, else the snapshot's xmax.
-- Transactions of other databases on the same server do not hold it back.
-- Order matters: the snapshot first, then the list of running transactions,
-- read afresh (PostgreSQL otherwise keeps the first list a transaction read).
-- A transaction below xmax is then either finished or in that list; one at or
-- above xmax is at or above the horizon anyway, and is left out (its 32-bit
-- id is "ahead" of xmax: 2^31 or more behind it modulo 2^32). The others are
-- widened to 64 bits against xmax (a running one is less than 2^31 behind).
CREATE FUNCTION audit_xact_horizon() RETURNS bigint LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  next_full bigint;
  oldest bigint;
BEGIN
  PERFORM pg_stat_clear_snapshot();
  next_full := pg_snapshot_xmax(pg_current_snapshot())::text::bigint;
  SELECT min(next_full - d) INTO oldest
    FROM (SELECT ((next_full - x::text::bigint) % 4294967296 + 4294967296) % 4294967296 AS d
          FROM (SELECT backend_xid AS x FROM pg_stat_activity WHERE datname = current_database() AND backend_xid IS NOT NULL
                UNION ALL
                SELECT transaction FROM pg_prepared_xacts WHERE database = current_database()) running) behind
   WHERE d > 0 AND d < 2147483648;
  RETURN least(next_full, coalesce(oldest, next_full));
END
$$;

-- Appends the next blocks of an organization: every event whose transaction
-- has ended since the last block, at most max_events a block unless one
-- transaction wrote more (a block ends at a transaction boundary), so no
-- block outgrows an array however long sealing was held back. Returns how
-- many events it sealed.
-- It must run at READ COMMITTED: each statement then reads a snapshot taken
-- after the horizon, so every event below the horizon that committed is seen.
DROP FUNCTION audit_seal(uuid);
CREATE FUNCTION audit_seal(org uuid, max_events integer DEFAULT 50000) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  last audit_block;
  b audit_block;
  horizon bigint;
  capped bigint;
  total integer := 0;
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'audit_seal must run at READ COMMITTED, not %', current_setting('transaction_isolation');
  END IF;
  PERFORM pg_advisory_xact_lock(hashtextextended('audit_event:' || org::text, 0));
  horizon := audit_xact_horizon();
  LOOP
    SELECT * INTO last FROM audit_block WHERE organization_id = org ORDER BY block_no DESC LIMIT 1;
    b.organization_id := org;
    b.block_no := coalesce(last.block_no, 0) + 1;
    b.xact_from := coalesce(last.xact_to, 0);
    IF horizon < b.xact_from THEN
      -- Transaction ids only grow within one cluster: this database was
      -- restored into another one. Sealing on would file new events under
      -- ranges already sealed, so it stops, loudly (README, "Restoring").
      RAISE EXCEPTION 'audit trail: the transaction counter (%) is behind the last sealed block (%); this database was restored into another PostgreSQL cluster: advance its counter past % before sealing', horizon, b.xact_from, b.xact_from;
    END IF;
    IF horizon = b.xact_from THEN
      RETURN total;
    END IF;
    SELECT e.xact INTO capped FROM audit_event e
     WHERE e.organization_id = org AND e.xact >= b.xact_from AND e.xact < horizon ORDER BY e.xact OFFSET max_events LIMIT 1;
    b.xact_to := CASE WHEN capped IS NULL THEN horizon ELSE greatest(capped, b.xact_from + 1) END;
    SELECT coalesce(array_agg(e.seq ORDER BY e.seq), '{}'), coalesce(array_agg(audit_digest(e) ORDER BY e.seq), '{}')
      INTO b.seqs, b.digests
      FROM audit_event e WHERE e.organization_id = org AND e.xact >= b.xact_from AND e.xact < b.xact_to;
    IF cardinality(b.seqs) = 0 THEN
      RETURN total;
    END IF;
    b.prev_hash := coalesce(last.hash, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea);
    b.sealed_at := clock_timestamp();
    b.hash := audit_block_hash(b);
    INSERT INTO audit_block VALUES (b.*);
    total := total + cardinality(b.seqs);
    EXIT WHEN capped IS NULL;
  END LOOP;
  RETURN total;
END
$$;

-- Nothing in the trail is ever changed or removed: not an event, not a block.
CREATE OR REPLACE FUNCTION audit_event_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_block_append_only BEFORE UPDATE OR DELETE ON audit_block FOR EACH ROW EXECUTE FUNCTION audit_event_guard();
CREATE TRIGGER audit_block_no_truncate BEFORE TRUNCATE ON audit_block FOR EACH STATEMENT EXECUTE FUNCTION audit_event_guard();

-- Everything written so far goes into each organization's first block. An
-- event sealed under the old chain keeps its old hash as its digest (not one
-- computed now), so a change made to it before this migration still shows;
-- verification also still checks the old chain's links.
DO $$
DECLARE
  o uuid;
  b audit_block;
BEGIN
  FOR o IN SELECT DISTINCT organization_id FROM audit_event LOOP
    b.organization_id := o;
    b.block_no := 1;
    b.xact_from := 0;
    b.xact_to := 1;
    SELECT array_agg(e.seq ORDER BY e.seq), array_agg(coalesce(decode(e.hash, 'hex'), audit_digest(e)) ORDER BY e.seq)
      INTO b.seqs, b.digests
      FROM audit_event e WHERE e.organization_id = o;
    b.prev_hash := '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea;
    b.sealed_at := clock_timestamp();
    b.hash := audit_block_hash(b);
    INSERT INTO audit_block VALUES (b.*);
  END LOOP;
END
$$;
