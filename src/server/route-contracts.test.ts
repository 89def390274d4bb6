import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ROUTES, type RouteContract } from '../shared/contracts/routes.js';
import { startTestApp, type TestApp } from './testing/test-app.js';

/**
 * The web's route table (shared/contracts/routes.ts) types every call the web
 * makes. This checks it against the server's own OpenAPI document, so the table
 * cannot drift from the routes: each route exists, and its path parameters,
 * query, body and answer have the same fields (issue 10, part 7).
 */
type Schema = { type?: string; properties?: Record<string, unknown>; $ref?: string; anyOf?: Schema[]; allOf?: Schema[]; oneOf?: Schema[] };
interface Op {
  parameters?: { in: string; name: string }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
interface Doc {
  paths: Record<string, Record<string, Op>>;
  components?: { schemas?: Record<string, Schema> };
}

let t: TestApp;
let doc: Doc;
beforeAll(async () => {
  t = await startTestApp();
  doc = t.app.swagger() as unknown as Doc;
});
afterAll(async () => t?.close());

function fieldsOf(s: Schema | undefined): string[] {
  if (!s) return [];
  if (s.$ref) return fieldsOf(doc.components?.schemas?.[s.$ref.replace('#/components/schemas/', '')]);
  const parts = s.anyOf ?? s.oneOf ?? s.allOf;
  if (parts) return [...new Set(parts.flatMap(fieldsOf))].sort();
  return Object.keys(s.properties ?? {}).sort();
}

const contractFields = (s: z.ZodType | undefined, io: 'input' | 'output') =>
  s ? fieldsOf(z.toJSONSchema(s, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as Schema) : [];

describe('the route table', () => {
  it.each(Object.entries(ROUTES) as [string, RouteContract][])('%s matches the server', (key, contract) => {
    const [method, path] = key.split(' ') as [string, string];
    const op = doc.paths[path.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
    expect(op, `${key} is not a route of the server`).toBeDefined();
    const params = (where: string) => (op!.parameters ?? []).filter((p) => p.in === where).map((p) => p.name).sort();
    expect(params('path')).toEqual(contractFields(contract.params, 'input'));
    expect(params('query')).toEqual(contractFields(contract.query, 'input'));
    expect(fieldsOf(op!.requestBody?.content?.['application/json']?.schema)).toEqual(contractFields(contract.body, 'input'));
    const answer = op!.responses?.['200'] ?? op!.responses?.['201'];
    const declared = answer?.content?.['application/json']?.schema;
    // Some answers are not declared on the server yet (a patient's appointments and disclosures): the table is their only contract.
    if (declared) expect(fieldsOf(declared)).toEqual(contractFields(contract.response, 'output'));
  });
});
