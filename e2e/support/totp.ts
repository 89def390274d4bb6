import { createHmac } from 'node:crypto';

/**
 * RFC 6238 TOTP (HMAC-SHA1, 30-second steps, 6 digits) over RFC 4226 HOTP,
 * written here from the RFCs so the browser test checks the server's codes
 * against an independent implementation. Secrets are RFC 4648 base32.
 */
const STEP_SEC = 30;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32ToBytes(secret: string): Buffer {
  const clean = secret.replace(/[\s=]/g, '').toUpperCase();
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    const i = BASE32.indexOf(ch);
    if (i < 0) throw new Error(`not base32: ${ch}`);
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export function hotp(secret: string, counter: number): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', base32ToBytes(secret)).update(msg).digest();
  // RFC 4226 section 5.3: dynamic truncation.
  const offset = mac[mac.length - 1]! & 0x0f;
  const code = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(code % 1_000_000).padStart(6, '0');
}

export function totpStep(nowMs = Date.now()): number {
  return Math.floor(nowMs / 1000 / STEP_SEC);
}

/**
 * A code the server has not seen yet. The server accepts the current step and
 * one either side, and never a step at or before the last one it accepted, so
 * each sign-in takes the next unused step (at most one ahead of now).
 */
export class Authenticator {
  private lastStep = -1;
  constructor(readonly secret: string) {}

  async nextCode(): Promise<string> {
    let step = Math.max(totpStep(), this.lastStep + 1);
    if (step > totpStep() + 1) {
      // Both usable steps are spent: wait for the clock to move on.
      await new Promise((r) => setTimeout(r, (step - 1) * STEP_SEC * 1000 - Date.now() + 200));
      step = Math.max(totpStep(), this.lastStep + 1);
    }
    this.lastStep = step;
    return hotp(this.secret, step);
  }
}
