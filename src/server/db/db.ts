/**
 * The Db port: the only way code reaches the database. Repos take a Queryable
 * (the pool or a transaction) as their first argument, so transactions compose
 * without plumbing.
 */
export type Row = Record<string, unknown>;

export interface Queryable {
  query<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  one<T = Row>(sql: string, params?: readonly unknown[]): Promise<T | undefined>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /**
   * Single statements whose commit may be acknowledged before the write-ahead
   * log is flushed: for records, such as read-audit events, where a crash of
   * the database host in the next fraction of a second is an acceptable loss.
   * A kill -9 of the Relief server itself still loses nothing: PostgreSQL keeps
   * running, and the embedded database has written the WAL to the OS.
   */
  readonly relaxed: Queryable;
  /** Runs fn in one transaction; commits when it resolves, rolls back when it throws. */
  tx<T>(fn: (t: Queryable) => Promise<T>): Promise<T>;
  /**
   * Subscribes to a NOTIFY channel (payloads sent with pg_notify commit with
   * their transaction). Resolves to an unsubscribe function.
   */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /** Several statements, no parameters: migrations only. */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * A single SELECT handed from one module to another without running it, so
 * the receiver decides how it runs (an audited read: the read, then its audit
 * event, before any row is returned).
 */
export interface ReadQuery<T> {
  sql: string;
  params: readonly unknown[];
  /** Phantom: the row type the query returns. */
  readonly row?: T;
}
