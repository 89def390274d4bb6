import { describe, expect, it } from 'vitest';
import { isWebPath } from './web-paths.js';

describe('isWebPath (issue 11: unknown web addresses answer 404)', () => {
  it.each([
    '/', '/locations', '/locations/', '/Locations', '/book', '/appointments/0b6f7e0a-3c1d-4a52-9d7e-5b1f0c2e8a11', '/sign-in', '/my',
    '/referrers/sign-up', '/reset-password/abc', '/console', '/console/', '/console/admin/demo-mailbox', '/console/patients/x',
    '/caregiver-invite/tok', '/account/activate', '/console/admin', '/console/admin/settings', '/console/admin/settings/locations/new',
  ])('routes %s', (p) => {
    expect(isWebPath(p)).toBe(true);
  });

  it.each([
    '/nope', '/locations/extra', '/appointments', '/appointments/', '/appointments/a/b', '/console/nope', '/console/admin/nope',
    '/console/patients/x/y', '//locations', '/locations//', 'locations', '', '/reset-password', '/my/..', '/index.html',
  ])('does not route %s', (p) => {
    expect(isWebPath(p)).toBe(false);
  });
});
