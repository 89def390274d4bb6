import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { Slot } from '../../../../shared/contracts/booking';

/**
 * The choices of the booking flow live in the address (?vt=&loc=&pr=&day=&start=...),
 * so Back and Forward move between steps and a reload keeps the place. Nothing
 * about the patient goes there.
 */
export type StepId = 'visitType' | 'location' | 'practitioner' | 'day' | 'time' | 'details';
export const ANY = 'any';

export interface Selection {
  vt: string | null;
  loc: string | null;
  pr: string | null;
  day: string | null;
  /** The chosen slot: its start verbatim and who/where it is with. */
  start: string | null;
  spr: string | null;
  sloc: string | null;
}

/** Parameters each step owns; choosing at a step clears every later one. */
const OWNED: Record<StepId, (keyof Selection)[]> = {
  visitType: ['vt'],
  location: ['loc'],
  practitioner: ['pr'],
  day: ['day'],
  time: ['start', 'spr', 'sloc'],
  details: [],
};
const ORDER: StepId[] = ['visitType', 'location', 'practitioner', 'day', 'time', 'details'];

function laterParams(step: StepId): (keyof Selection)[] {
  return ORDER.slice(ORDER.indexOf(step)).flatMap((s) => OWNED[s]);
}

export function useBookingSelection() {
  const [params, setParams] = useSearchParams();

  const selection = useMemo<Selection>(
    () => ({
      vt: params.get('vt'),
      loc: params.get('loc'),
      pr: params.get('pr'),
      day: params.get('day'),
      start: params.get('start'),
      spr: params.get('spr'),
      sloc: params.get('sloc'),
    }),
    [params],
  );

  /** Sets the values of `step` (and anything given) and clears the steps after it. */
  const choose = useCallback(
    (step: StepId, values: Partial<Selection>, opts: { replace?: boolean } = {}) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const k of laterParams(step)) next.delete(k);
          for (const [k, v] of Object.entries(values)) if (v) next.set(k, v);
          return next;
        },
        { replace: opts.replace ?? false },
      );
    },
    [setParams],
  );

  /** Goes back to `step`, clearing its value and every later one. */
  const reopen = useCallback((step: StepId, opts: { replace?: boolean } = {}) => choose(step, {}, opts), [choose]);

  const chooseSlot = useCallback(
    (slot: Slot) =>
      choose('day', {
        day: slot.start.slice(0, 10),
        start: slot.start,
        spr: slot.practitionerId,
        sloc: slot.locationId,
      }),
    [choose],
  );

  return { selection, choose, reopen, chooseSlot };
}
