-- Per-address request counts of the public endpoints, in fixed windows, shared
-- by every server process on this database (issue 10). One row per key and
-- window: `hits` requests counted in the window that ends at `window_end`.
--
-- UNLOGGED: a count is worth nothing after its window (a minute to an hour), so
-- it is not worth a WAL record, a flush at commit or a copy on a standby. A crash
-- of PostgreSQL empties the table, which only gives every client a fresh budget.
-- PGlite (PostgreSQL 18) and PostgreSQL 15 both support it.
CREATE UNLOGGED TABLE rate_limit_hit (
  key text NOT NULL CHECK (length(key) <= 200),
  window_end timestamptz NOT NULL,
  hits integer NOT NULL DEFAULT 1 CHECK (hits > 0),
  PRIMARY KEY (key, window_end)
);
-- No index on window_end: the hourly housekeeping deletes nearly every row it
-- scans (the ended windows), and each request's insert stays one index write.
