import type { z } from 'zod';
import type { RouteKey, Routes } from '../../../shared/contracts/routes';

export type { RouteKey } from '../../../shared/contracts/routes';

/** '/api/patients/:patientId/caregivers/:id' -> 'patientId' | 'id'. */
type PathParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

type PathOf<K extends RouteKey> = K extends `${string} ${infer P}` ? P : never;
export type MethodOf<K extends RouteKey> = K extends `${infer M} ${string}` ? M : never;

type Part<K extends RouteKey, Name extends string> = Routes[K] extends Record<Name, infer S extends z.ZodType> ? S : never;

/**
 * What a call to a route sends, from its contract: the path's parameters, the
 * query (strings, as in a URL; any may be left out) and the body (the schema's
 * input, so defaults may be omitted).
 */
export type RequestOf<K extends RouteKey> = ([PathParamNames<PathOf<K>>] extends [never]
  ? unknown
  : { params: Record<PathParamNames<PathOf<K>>, string> }) &
  ([Part<K, 'query'>] extends [never] ? unknown : { query?: { [Q in keyof z.input<Part<K, 'query'>>]?: string | undefined } }) &
  ([Part<K, 'body'>] extends [never] ? unknown : { body: z.input<Part<K, 'body'>> });

/** What a route answers, from its contract (nothing for a 204). */
export type ResponseOf<K extends RouteKey> = [Part<K, 'response'>] extends [never] ? void : z.output<Part<K, 'response'>>;

/** A route's request when it needs none (no path parameters, query or body). */
export type NeedsNoRequest<K extends RouteKey> = unknown extends RequestOf<K> ? true : false;

/** The method and URL of a call: the key's path with its parameters filled in, then its query's defined values. */
export function routeTarget<K extends RouteKey>(key: K, req: RequestOf<K> | undefined): { method: MethodOf<K>; url: string } {
  const [method, path] = key.split(' ') as [MethodOf<K>, string];
  const r = (req ?? {}) as { params?: Record<string, string>; query?: Record<string, string | undefined> };
  const filled = path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(r.params?.[name] ?? ''));
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(r.query ?? {})) if (v !== undefined && v !== '') qs.set(k, v);
  const query = qs.toString();
  return { method, url: query ? `${filled}?${query}` : filled };
}

/** The body a route sends, if it has one. */
export function bodyOf<K extends RouteKey>(req: RequestOf<K> | undefined): unknown {
  return (req as { body?: unknown } | undefined)?.body;
}
