import { telHref } from '../../shared/phone';

/** A front-desk number as a tel: link; the href keeps only digits and a leading +. */
export function PhoneLink({ phone, className }: { phone: string; className?: string }) {
  return (
    <a href={telHref(phone)} className={className ?? 'phone-link'}>
      {phone}
    </a>
  );
}
