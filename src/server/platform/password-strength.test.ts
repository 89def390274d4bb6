import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CHECKED_CHARS, passwordStrength } from './password-strength.js';

/**
 * Issue 11: passwords are checked against real breached and common-password
 * lists and English and Spanish words, not a list of about 150. The lists ship
 * inside the npm packages: loading them asks nothing of the network.
 */
describe('password strength (zxcvbn-ts, common + English + Spanish)', () => {
  beforeAll(async () => {
    // Any attempt to reach the network while the lists load fails the load.
    const offline = vi.fn(() => Promise.reject(new Error('no network at run time')));
    vi.stubGlobal('fetch', offline);
    try {
      await passwordStrength('loads the lists once');
    } finally {
      vi.unstubAllGlobals();
    }
    expect(offline).not.toHaveBeenCalled();
  });

  it.each([
    'password1234', // breach corpora, English
    'iloveyou1234',
    'qwertyuiop12',
    'superman1234',
    'contraseña123', // Spanish
    'teamo123456789',
    'contrasena2024',
  ])('issue 11: %s, long enough for the old rules, is too guessable (score under 3)', async (pw) => {
    expect((await passwordStrength(pw)).score).toBeLessThan(3);
  });

  it.each(['internationalization', 'comunicaciones', 'administración'])('issue 11: %s is one listed word (English or Spanish)', async (pw) => {
    expect((await passwordStrength(pw)).isListedWord).toBe(true);
  });

  it.each(['blue heron over lady bird lake', 'la casa azul junto al río', 'ñandú corre 🏃 rápido', 'copper lantern river autumn'])(
    '%s is accepted: several unrelated words, in either language',
    async (pw) => {
      const v = await passwordStrength(pw);
      expect(v.score).toBeGreaterThanOrEqual(3);
      expect(v.isListedWord).toBe(false);
    },
  );

  it("notices the person's own name or email, with a suggestion as a stable key", async () => {
    const v = await passwordStrength('mariagonzalez1980', ['mariagonzalez', 'maria', 'gonzalez']);
    expect(v.usesPersonalData).toBe(true);
    expect(v.score).toBeLessThan(3);
    const common = await passwordStrength('password1234');
    expect(common.suggestion).toMatch(/^[a-zA-Z0-9]+$/);
  });

  it(`estimates only the first ${CHECKED_CHARS} characters, so a long hostile password cannot hold the event loop`, async () => {
    const weakStart = 'password'.repeat(8) + 'x9$Lq'.repeat(12);
    expect((await passwordStrength(weakStart)).score).toBeLessThan(3);
    const strongStart = 'copper lantern river autumn harbor violet engine quiet morning ' + 'a'.repeat(60);
    expect((await passwordStrength(strongStart)).score).toBeGreaterThanOrEqual(3);
  });
});
