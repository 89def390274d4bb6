/**
 * A recipient as the delivery-status list shows it once an email server
 * sends the notices: enough for an administrator to tell one person's
 * notice from another's, not the whole address (the demo mailbox, issue 11).
 * An email keeps the first letter of its local part and its domain; a phone
 * number its last two digits.
 */
export function maskRecipient(channel: 'email' | 'sms', recipient: string): string {
  if (channel === 'sms') {
    const digits = recipient.replace(/\D/g, '');
    return digits.length >= 4 ? `•••${digits.slice(-2)}` : '•••';
  }
  const at = recipient.lastIndexOf('@');
  if (at <= 0) return '•••';
  return `${recipient[0]}•••@${recipient.slice(at + 1)}`;
}
