/**
 * Every address the web app routes (src/web/app/App.tsx), as patterns in
 * which ':name' stands for one path segment. The server answers these with
 * the app's page and 200; any other address outside /api gets the same page
 * with 404, so the app shows its "page not found" and a browser, a crawler or
 * a link checker hears the truth (issue 11). One list for both sides:
 * src/web/app/web-paths.test.ts reads App.tsx's routes and fails when a route
 * is added there and not here, or listed here and gone there.
 */
export const WEB_PATHS = [
  '/',
  '/locations',
  '/book',
  '/appointments/:id',
  '/waitlist/offers/:token',
  '/sign-in',
  '/caregiver-invite/:token',
  '/account/activate',
  '/account/forgot-password',
  '/account/reset-password/:token',
  '/my',
  '/my/messages',
  '/my/messages/new',
  '/my/messages/:id',
  '/my/appointments',
  '/my/sharing',
  '/my/access',
  '/my/notices',
  '/referrers/sign-in',
  '/referrers/sign-up',
  '/referrers/forgot-password',
  '/referrers/reset-password/:token',
  '/reset-password/:token',
  '/console',
  '/console/sign-in',
  '/console/forgot-password',
  '/console/reset-password/:token',
  '/console/invite/:token',
  '/console/enroll',
  '/console/sessions',
  '/console/requests',
  '/console/patients',
  '/console/patients/:patientId',
  '/console/waitlist',
  '/console/inbox',
  '/console/inbox/:id',
  '/console/admin',
  '/console/admin/settings/*',
  '/console/admin/users',
  '/console/admin/audit',
  '/console/admin/break-glass',
  '/console/admin/notices',
  '/console/admin/demo-mailbox',
] as const;

const PATTERNS = WEB_PATHS.map((p) => p.split('/').filter(Boolean));

/**
 * Whether the web app has a page at this path (no query string), as its
 * router matches: letter case aside, one trailing slash allowed, a parameter
 * any one non-empty segment, a final '*' any rest (a section with its own
 * routes, such as the clinic settings, which sends an unknown rest to its start).
 */
export function isWebPath(pathname: string): boolean {
  const trimmed = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  if (!trimmed.startsWith('/') || trimmed.includes('//')) return false;
  const segments = trimmed === '/' ? [] : trimmed.slice(1).split('/');
  return PATTERNS.some((pattern) => {
    const splat = pattern.at(-1) === '*';
    const fixed = splat ? pattern.slice(0, -1) : pattern;
    if (splat ? segments.length < fixed.length : segments.length !== fixed.length) return false;
    return fixed.every((p, i) => (p.startsWith(':') ? segments[i] !== '' : p.toLowerCase() === segments[i]!.toLowerCase()));
  });
}
