import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useParams } from 'react-router';
import { ApiError, fetchRoute, NetworkError } from '../../../app/api/client';
import { capitalize, formatDateTime } from '../../../app/i18n/format';
import { Trans } from '../../../app/i18n/Trans';
import { useI18n } from '../../../app/i18n/useT';
import { problemMessage } from '../../../app/problems';
import { PhoneLink } from '../../../ui/PhoneLink';
import { QueryState } from '../../../ui/QueryState';

const STATUS_WORDS = {
  taken: 'offer.status.taken',
  expired: 'offer.status.expired',
  accepted: 'offer.status.accepted',
  withdrawn: 'offer.status.withdrawn',
} as const;

/**
 * The link of a waitlist offer's notice (issue 12): when and where, until
 * when it holds, and accepting it. Public: the link's token is the key. It
 * opens in the patient's language; the site's switch still changes it.
 */
export function WaitlistOfferPage() {
  const { token = '' } = useParams();
  const { t, lang, setLang } = useI18n();
  const offer = useQuery({
    queryKey: ['waitlist-offer', token],
    queryFn: ({ signal }) => fetchRoute('GET /api/waitlist/offers/:token', { params: { token } }, { signal }),
    retry: false,
  });
  const language = offer.data?.language;
  useEffect(() => {
    if (language) setLang(language);
    // Once, when the offer says whose language it is.
  }, [language]);
  const accept = useMutation({ mutationFn: () => fetchRoute('POST /api/waitlist/offers/:token/accept', { params: { token } }) });
  const notFound = offer.error instanceof ApiError && (offer.error.status === 404 || offer.error.status === 422);
  const o = offer.data;
  return (
    <section className="narrow">
      <h1>{t('offer.title')}</h1>
      {notFound ? (
        <p className="notice notice-warning">{t('offer.notFound')}</p>
      ) : (
        <QueryState isPending={offer.isPending} isError={offer.isError} retry={() => void offer.refetch()}>
          {o && (
            <div className="card">
              <dl className="facts">
                <dt>{t('offer.when')}</dt>
                <dd className="fact-strong">{capitalize(formatDateTime(o.start, o.timeZone, lang))}</dd>
                <dt>{t('offer.where')}</dt>
                <dd>{o.locationName}, {o.locationAddress}</dd>
              </dl>
              <div role="status" className="status-region">
                {accept.isSuccess && <p className="notice notice-success">{t('offer.accepted', { when: capitalize(formatDateTime(accept.data.start, accept.data.timeZone, lang)), location: accept.data.locationName })}</p>}
              </div>
              {accept.isError && <p className="notice notice-error" role="alert">{accept.error instanceof NetworkError ? t('book.error.network') : problemMessage(accept.error, t, lang)}</p>}
              {o.status === 'sent' && !accept.isSuccess && !accept.isError && (
                <>
                  <p>{t('offer.until', { until: formatDateTime(o.expiresAt, o.timeZone, lang) })}</p>
                  <p className="muted">{t('offer.lede')}</p>
                  <button type="button" className="btn btn-primary" disabled={accept.isPending} onClick={() => accept.mutate()}>
                    {t('offer.accept')}
                  </button>
                </>
              )}
              {o.status !== 'sent' && <p className="notice notice-warning">{t(STATUS_WORDS[o.status])}</p>}
              <p>
                <Trans k="offer.call" values={{ location: o.locationName, phone: <PhoneLink phone={o.locationPhone} /> }} />
              </p>
            </div>
          )}
        </QueryState>
      )}
    </section>
  );
}
