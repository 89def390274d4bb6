/**
 * A key for one attempt to send: kept while the same request is retried after
 * a network error (the server answers with the first one's result), new for
 * the next request. Used by the booking form and by every form POST.
 */
export function newIdempotencyKey(): string {
  // crypto.randomUUID exists only in secure contexts; fall back to the same v4 layout.
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
