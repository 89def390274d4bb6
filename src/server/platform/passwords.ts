import { hash, verify } from '@node-rs/argon2';

// argon2id with the OWASP-recommended minimum (m = 19 MiB, t = 2, p = 1), as DESIGN specifies.
const OPTIONS = { algorithm: 2 /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/** Computes the dummy hash ahead of the first sign-in, so even that one answers in comparable time. */
export function warmPasswordHashing(): void {
  dummy ??= hashPassword('relief-dummy-password-for-timing-parity');
}
/**
 * Spends the same work as a real verification, for an account that does not
 * exist, so that timing does not tell an unknown email from a wrong password.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummy ??= hashPassword('relief-dummy-password-for-timing-parity');
  await verifyPassword(await dummy, password);
  return false;
}
