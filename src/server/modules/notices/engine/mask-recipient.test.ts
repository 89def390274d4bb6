import { describe, expect, it } from 'vitest';
import { maskRecipient } from './mask-recipient.js';

describe('maskRecipient (issue 11: the mailbox with SMTP shows delivery status, not addresses)', () => {
  it.each([
    ['email', 'maria.hernandez@example.com', 'm•••@example.com'],
    ['email', 'a@b.example', 'a•••@b.example'],
    ['email', 'odd"local@part"@example.org', 'o•••@example.org'],
    ['email', 'no-at-sign', '•••'],
    ['email', '@example.com', '•••'],
    ['sms', '(512) 555-0171', '•••71'],
    ['sms', '12', '•••'],
  ] as const)('%s %s -> %s', (channel, recipient, masked) => {
    expect(maskRecipient(channel, recipient)).toBe(masked);
  });

  it('never shows the local part beyond its first letter', () => {
    expect(maskRecipient('email', 'secret.person@example.com')).not.toContain('secret');
  });
});
