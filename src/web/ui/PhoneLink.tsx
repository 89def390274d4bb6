/** A front-desk number as a tel: link; the href keeps only digits and a leading +. */
export function PhoneLink({ phone, className }: { phone: string; className?: string }) {
  const digits = phone.replace(/[^\d+]/g, '');
  const href = digits.startsWith('+') ? digits : digits.length === 10 ? `+1${digits}` : digits;
  return (
    <a href={`tel:${href}`} className={className ?? 'phone-link'}>
      {phone}
    </a>
  );
}
