import type { z } from 'zod';
import type { NewThreadFields, ReplyFields, StaffNewThreadFields, StaffReplyFields } from '../../../shared/contracts/messages';
import type { RouteKey } from './routes';

/**
 * The routes that take multipart/form-data (shared/contracts/routes.ts says
 * which: their form fields are these schemas, each file a part named `files`),
 * with the fields each one takes, so a form POST is typed like a JSON one.
 */
export interface MultipartRoutes {
  'POST /api/patients/:patientId/threads': z.input<typeof NewThreadFields>;
  'POST /api/patients/:patientId/threads/:id/messages': z.input<typeof ReplyFields>;
  'POST /api/staff/patients/:patientId/threads': z.input<typeof StaffNewThreadFields>;
  'POST /api/staff/threads/:id/messages': z.input<typeof StaffReplyFields>;
}
export type MultipartKey = keyof MultipartRoutes & RouteKey;

/** What a form POST sends: its fields and its files (each a part named `files`). */
export interface FormRequest<K extends MultipartKey> {
  fields: MultipartRoutes[K];
  files?: readonly File[];
}

/** The part name every file goes under (the contract's). */
export const FILES_PART = 'files';

/**
 * The request's FormData: the fields first, then the files, so a server that
 * streams the parts knows the message before the bytes. Fields left undefined
 * are not sent (the schema's default applies).
 */
export function toFormData(fields: Readonly<Record<string, string | undefined>>, files: readonly File[] = []): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) form.append(name, value);
  for (const file of files) form.append(FILES_PART, file, file.name);
  return form;
}
