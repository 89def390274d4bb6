-- Two notices written in separate transactions can share created_at (now() is the transaction's start, and
-- PGlite's clock is coarser than PostgreSQL's), so "newest first" needs a tie-break that follows insertion.
ALTER TABLE outbox ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
CREATE INDEX outbox_newest ON outbox (organization_id, created_at DESC, seq DESC);
