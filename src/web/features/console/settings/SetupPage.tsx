import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { SetupStatus } from '../../../../shared/contracts/clinic-settings';
import { useI18n } from '../../../app/i18n/useT';
import { problemMessage } from '../../../app/problems';
import { useSession } from '../../../app/session/SessionProvider';
import { useSettingsTitle } from './useSettingsTitle';
import { TextField } from '../../../ui/Field';
import { OutcomeNotices } from '../../../ui/OutcomeNotices';
import { QueryState } from '../../../ui/QueryState';
import { afterSettingsChange, settingsKey, setupKey, useClinicSettings, useSetupStatus } from './settings-api';
import { FormTop, SaveBar } from './SettingsParts';
import { useSettingsForm } from './useSettingsForm';

type Step = SetupStatus['steps'][number]['step'];

/** Where each step is done. */
const STEP_PAGE: Record<Step, string> = {
  organization: 'organization',
  locations: 'locations',
  hours: 'locations',
  rooms: 'locations',
  visit_types: 'visit-types',
  practitioners: 'practitioners',
  practitioner_hours: 'practitioners',
};

/**
 * The set-up checklist (issue 11): what a new clinic still has to do before
 * patients can book online, each step linked to its page, and the switch that
 * opens online booking once every step is done.
 */
export function SetupPage() {
  const { t } = useI18n();
  useSettingsTitle('settings.title.setup');
  const setup = useSetupStatus();
  const settings = useClinicSettings();
  const steps = setup.data?.steps ?? [];
  const named = steps.find((s) => s.step === 'organization')?.done ?? !!settings.data?.organization.name;
  // Naming the clinic replaces its form with the checklist: the news is told here, and the reader moved to the steps.
  const [namedNote, setNamedNote] = useState<string | null>(null);
  const stepsTitle = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (namedNote && named) stepsTitle.current?.focus();
  }, [namedNote, named]);
  return (
    <>
      <h1>{t('settings.setup.title')}</h1>
      <p className="lede">{t('settings.setup.lede')}</p>
      <OutcomeNotices done={namedNote} problem={null} />
      <QueryState isPending={setup.isPending} isError={setup.isError} error={setup.error} retry={() => void setup.refetch()}>
        {setup.data && !named ? (
          <NameTheClinic onNamed={setNamedNote} />
        ) : (
          setup.data && (
            <>
              <section className="panel" aria-labelledby="setup-steps-title">
                <h2 id="setup-steps-title" ref={stepsTitle} tabIndex={-1}>
                  {t('settings.setup.stepsTitle', { done: steps.filter((s) => s.done).length, n: steps.length })}
                </h2>
                <ol className="setup-steps">
                  {steps.map((s) => (
                    <li key={s.step} className={s.done ? 'setup-step setup-step-done' : 'setup-step'}>
                      <span className="setup-step-state">
                        <span aria-hidden="true" className="setup-step-mark">
                          {s.done ? '✓' : '○'}
                        </span>
                        <span className="sr-only">{s.done ? t('settings.setup.doneSr') : t('settings.setup.todoSr')}</span>
                      </span>
                      <span className="setup-step-body">
                        <Link to={`/console/admin/settings/${STEP_PAGE[s.step]}`}>{t(`settings.setup.step.${s.step}`)}</Link>
                        <span className="setup-step-status">{s.done ? t('settings.setup.done') : t('settings.setup.todo')}</span>
                      </span>
                    </li>
                  ))}
                </ol>
              </section>
              <OnlineBookingSwitch status={setup.data} />
            </>
          )
        )}
      </QueryState>
    </>
  );
}

/** First run: the clinic has no name yet, so the checklist asks for it before anything else. */
function NameTheClinic({ onNamed }: { onNamed: (note: string) => void }) {
  const { t } = useI18n();
  const settings = useClinicSettings();
  const form = useSettingsForm('PUT /api/admin/clinic/organization', 'first', ['name'], 'organization');
  const [name, setName] = useState('');
  const org = settings.data?.organization;

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const body = { name, mainPhone: org?.mainPhone ?? '', billingPhone: org?.billingPhone ?? '', websiteUrl: org?.websiteUrl ?? '' };
    form.save({ body }, { onSaved: () => onNamed(t('settings.setup.named', { name: name.trim() })) });
  }

  return (
    <section className="panel" aria-labelledby="first-name-title">
      <h2 id="first-name-title">{t('settings.setup.nameTitle')}</h2>
      <p>{t('settings.setup.nameLede')}</p>
      <form noValidate onSubmit={onSubmit}>
        <FormTop form={form} label={() => t('settings.org.name')} level={3} />
        <TextField frame={{ id: form.id('name'), label: t('settings.org.name'), error: form.error('name') }} autoComplete="organization" maxLength={120} value={name} onChange={(e) => setName(e.target.value)} />
        <SaveBar form={form} label={t('settings.setup.nameSave')} />
      </form>
    </section>
  );
}

function OnlineBookingSwitch({ status }: { status: SetupStatus }) {
  const { t, lang } = useI18n();
  const { api } = useSession();
  const queryClient = useQueryClient();
  const [done, setDone] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: (open: boolean) => api.request('PUT /api/admin/clinic/online-booking', { body: { open } }),
    onSuccess: (s) => {
      queryClient.setQueryData(setupKey, s);
      void queryClient.invalidateQueries({ queryKey: settingsKey });
      afterSettingsChange(queryClient);
      setDone(s.onlineBooking ? t('settings.online.opened') : t('settings.online.closed'));
    },
  });
  const left = status.steps.filter((s) => !s.done).length;
  const open = status.onlineBooking;
  return (
    <section className="panel" aria-labelledby="online-title">
      <h2 id="online-title">{t('settings.online.title')}</h2>
      <p className={open ? 'online-state online-open' : 'online-state online-closed'}>{open ? t('settings.online.isOpen') : t('settings.online.isClosed')}</p>
      {!open && !status.ready && (
        <p id="online-why" className="notice notice-warning">
          {left === 1 ? t('settings.online.notReadyOne') : t('settings.online.notReady', { n: left })}
        </p>
      )}
      <OutcomeNotices done={done} problem={change.isError ? problemMessage(change.error, t, lang) : null} />
      <button
        type="button"
        className={open ? 'btn btn-secondary' : 'btn btn-primary'}
        disabled={change.isPending}
        aria-describedby={!open && !status.ready ? 'online-why' : undefined}
        onClick={() => {
          setDone(null);
          change.mutate(!open);
        }}
      >
        {change.isPending ? t('settings.saving') : open ? t('settings.online.close') : t('settings.online.open')}
      </button>
    </section>
  );
}
