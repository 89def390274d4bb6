const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];

/**
 * The origins a browser page of this server has: the origin of PUBLIC_URL,
 * the address people open and every emailed link uses. The Host header is not
 * used to guess it: behind a TLS proxy it does not tell the scheme, and a
 * DNS-rebinding page reaches the server with a Host of the attacker's own
 * name, so "Origin matches Host" would let it in. A loopback PUBLIC_URL (the
 * default, http://localhost:PORT, on a server listening on 127.0.0.1) also
 * admits the other loopback spellings with the same scheme and port: a page
 * there can only have come from this same listener.
 */
export function ownOrigins(publicUrl: string): ReadonlySet<string> {
  const url = new URL(publicUrl);
  const origins = new Set([url.origin]);
  if (LOOPBACK.includes(url.hostname)) {
    for (const host of LOOPBACK) {
      const alias = new URL(url.origin);
      alias.hostname = host;
      origins.add(alias.origin);
    }
  }
  return origins;
}

/**
 * Whether an Origin header (RFC 6454) names one of `own`. "null" (a sandboxed
 * frame, a file) and anything unparsable is foreign. Compared after parsing,
 * so letter case and a spelled-out default port do not matter.
 */
export function isOwnOrigin(origin: string, own: ReadonlySet<string>): boolean {
  try {
    return own.has(new URL(origin).origin);
  } catch {
    return false;
  }
}
