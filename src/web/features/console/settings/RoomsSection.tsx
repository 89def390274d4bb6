import { useState, type FormEvent } from 'react';
import { RoomCapability } from '../../../../shared/contracts/clinic';
import type { ClinicSettings, RoomInput } from '../../../../shared/contracts/clinic-settings';
import { useI18n } from '../../../app/i18n/useT';
import { TextField } from '../../../ui/Field';
import { CheckboxField, CheckboxGroup, FormTop, SaveBar } from './SettingsParts';
import { useSettingsForm } from './useSettingsForm';

type Location = ClinicSettings['locations'][number];
type Room = Location['rooms'][number];
type Values = Omit<RoomInput, 'active'> & { active: boolean };

/** A location's rooms, each with what it is equipped for (a fluoroscopy suite for X-ray guided procedures). */
export function RoomsSection({ location, at }: { location: Location; at: number }) {
  const { t } = useI18n();
  return (
    <section className="panel" aria-labelledby="rooms-title">
      <h2 id="rooms-title">{t('settings.rooms.title', { location: location.name })}</h2>
      <p>{t('settings.rooms.lede')}</p>
      {location.rooms.length === 0 && <p className="notice notice-warning">{t('settings.rooms.none')}</p>}
      <ul className="plain-list room-forms">
        {location.rooms.map((r) => (
          <li key={r.id}>
            <RoomForm location={location} room={r} scope={`locations.${at}.rooms.${location.rooms.indexOf(r)}`} />
          </li>
        ))}
      </ul>
      <RoomForm location={location} scope={`locations.${at}.rooms.${location.rooms.length}`} />
    </section>
  );
}

function RoomForm({ location, room, scope }: { location: Location; room?: Room; scope: string }) {
  const { t } = useI18n();
  const name = room ? `room-${room.id}` : 'room-new';
  const form = useSettingsForm(room ? 'PUT /api/admin/clinic/rooms/:id' : 'POST /api/admin/clinic/locations/:id/rooms', name, ['name', 'capabilities', 'active'], scope);
  const [v, setV] = useState<Values>(room ? { name: room.name, capabilities: [...room.capabilities], active: room.active } : { name: '', capabilities: [], active: true });
  const title = room ? room.name : t('settings.rooms.new');
  const label = (p: string) => (p === 'capabilities' ? t('settings.rooms.capabilities') : p === 'active' ? t('settings.rooms.active') : t('settings.rooms.name'));

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (room) form.save({ params: { id: room.id }, body: v }, { done: t('settings.rooms.saved', { name: v.name.trim() }) });
    else form.save({ params: { id: location.id }, body: v }, { done: t('settings.rooms.added', { name: v.name.trim() }), onSaved: () => setV({ name: '', capabilities: [], active: true }) });
  }

  return (
    <form noValidate onSubmit={onSubmit} className="subpanel room-form" aria-labelledby={`${name}-title`}>
      <h3 id={`${name}-title`}>{title}</h3>
      <FormTop form={form} label={label} level={3} />
      <TextField
        frame={{ id: form.id('name'), label: room ? t('settings.rooms.nameOf', { name: room.name }) : t('settings.rooms.newName'), error: form.error('name') }}
        autoComplete="off"
        maxLength={60}
        value={v.name}
        onChange={(e) => setV((p) => ({ ...p, name: e.target.value }))}
      />
      <CheckboxGroup
        id={form.id('capabilities')}
        legend={room ? t('settings.rooms.capabilitiesOf', { name: room.name }) : t('settings.rooms.capabilitiesNew')}
        options={RoomCapability.options.map((c) => ({ value: c, label: t(`settings.capability.${c}`) }))}
        value={v.capabilities}
        onChange={(capabilities) => setV((p) => ({ ...p, capabilities: capabilities as Values['capabilities'] }))}
        error={form.error('capabilities')}
      />
      <CheckboxField
        id={form.id('active')}
        label={room ? t('settings.rooms.activeOf', { name: room.name }) : t('settings.rooms.activeNew')}
        checked={v.active}
        onChange={(active) => setV((p) => ({ ...p, active }))}
      />
      <SaveBar form={form} label={room ? t('settings.rooms.save', { name: room.name }) : t('settings.rooms.add')} />
    </form>
  );
}
