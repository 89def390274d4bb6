import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { z } from 'zod';
import { AvailabilityQuery, BookingRequest, CancelRequest, RescheduleRequest } from '../../shared/contracts/booking.js';
import {
  ActivateFromBooking, ActivateWithCode, ActivationCodeRequest, AuditQuery, BreakGlassRequest, CaregiverInvite, InviteRequest, NewPasswordRequest, ReferrerSignup,
  SecondFactorRequest, SignInRequest, TotpConfirmRequest,
} from '../../shared/contracts/identity.js';
import { BlockRequest, DeskCancel, DeskReschedule, PatientSearchQuery, ScheduleQuery, StatusChange } from '../../shared/contracts/staff.js';
import { arbitraryFor, leafPaths, setAt, type ArbitraryContext, type JsonSchema, type Step } from './schema-arbitrary.js';
import { ValuePool } from './value-pool.js';

/**
 * The fuzzer's "valid" requests must be valid, or every one of them stops at
 * validation and nothing deeper is ever reached. The contracts go through the
 * same JSON Schema conversion the OpenAPI document uses (fastify-type-provider-zod).
 * Left out: DeskBookingRequest, whose rule "patientId or patient, not both"
 * JSON Schema cannot state.
 */
const CONTRACTS = {
  BookingRequest, CancelRequest, RescheduleRequest, AvailabilityQuery, SignInRequest, SecondFactorRequest, TotpConfirmRequest, NewPasswordRequest,
  InviteRequest, ActivateFromBooking, ActivationCodeRequest, ActivateWithCode, ReferrerSignup, BreakGlassRequest, CaregiverInvite, AuditQuery,
  BlockRequest, DeskCancel, DeskReschedule, PatientSearchQuery, ScheduleQuery, StatusChange,
};

const pool = new ValuePool();
pool.harvest({ items: [{ id: '7b1d7c1e-8a43-4f4e-9d0c-3c1b2a4d5e6f', slug: 'austin-central', name: 'Austin Central' }], confirmationCode: 'AB12CD34' }, 'locations');
const ctx: ArbitraryContext = { pool, now: Date.parse('2026-11-30T12:00:00Z'), resolve: (ref) => { throw new Error(`no $ref expected: ${ref}`); } };
const jsonSchemaOf = (c: z.ZodType) => z.toJSONSchema(c, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }) as JsonSchema;

function getAt(v: unknown, path: readonly Step[]): unknown {
  let cur = v;
  for (const s of path) {
    if ('prop' in s) cur = (cur as Record<string, unknown> | undefined)?.[s.prop];
    else if ('item' in s) cur = (cur as unknown[] | undefined)?.[0];
  }
  return cur;
}

describe('values generated from a JSON Schema', () => {
  for (const [name, contract] of Object.entries(CONTRACTS)) {
    const schema = jsonSchemaOf(contract);
    test.prop([arbitraryFor(schema, ctx)], { seed: 7, numRuns: 60 })(`pass the Zod contract they came from: ${name}`, (value) => {
      const parsed = contract.safeParse(value);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    });
  }

  const booking = jsonSchemaOf(BookingRequest);
  const paths = leafPaths(booking, ctx);
  test.prop([fc.constantFrom(...paths).chain((p) => arbitraryFor(booking, ctx, { mustHave: p }).map((v) => [p, v] as const))], { seed: 7, numRuns: 100 })(
    'have every leaf a hostile value is aimed at, optional or not, and put it there without touching the rest',
    ([path, value]) => {
      expect(getAt(value, path)).toBeDefined();
      const hostile = setAt(value, path, '\u0000');
      expect(getAt(hostile, path)).toBe('\u0000');
      expect(setAt(hostile, path, getAt(value, path))).toEqual(value);
    },
  );
});
