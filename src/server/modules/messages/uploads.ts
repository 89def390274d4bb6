import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { MESSAGE_FILE_MAX_BYTES, MESSAGE_FILES_MAX } from '../../../shared/contracts/messages.js';
import { AppError, type FieldIssue } from '../../../shared/errors.js';

/**
 * Reading a message's multipart/form-data body (issue 12): its form fields,
 * checked by the contract's schema, and its parts named `files`, each held in
 * memory up to MESSAGE_FILE_MAX_BYTES. Nothing is stored here: the service
 * checks the bytes and writes the message and its files in one transaction.
 *
 * A file over the limit is refused with 422 `file_too_large` naming the part
 * (`files[2]`), like every other refusal of one file (the files platform's),
 * rather than 413: the request itself was within what the server reads, and
 * the person needs to know which of their files to change.
 */
export interface UploadedFile {
  /** The part's position, for refusals: `files[0]`. */
  field: string;
  fileName: string | undefined;
  bytes: Buffer;
}

export interface Upload<T> {
  fields: T;
  files: UploadedFile[];
}

/** Busboy's limits: a little over ours, so the last allowed file is whole and one more is seen and refused by name. */
export const MULTIPART_LIMITS = {
  fileSize: MESSAGE_FILE_MAX_BYTES,
  files: MESSAGE_FILES_MAX + 1,
  fields: 10,
  fieldSize: 64 * 1024,
  parts: MESSAGE_FILES_MAX + 11,
};

const invalid = (issues: FieldIssue[], reason: 'invalid' | 'too_many_files' | 'file_too_large' = 'invalid') =>
  new AppError('INVALID', issues.map((i) => `${i.field}: ${i.message}`).join('; '), { reason, issues });

/** A body that is not multipart/form-data: the same 415 the server gives any body type a route does not take. */
function notMultipart(): Error {
  return Object.assign(new Error('This request must be sent as multipart/form-data.'), { statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' });
}

export async function readUpload<S extends z.ZodType>(req: FastifyRequest, schema: S): Promise<Upload<z.infer<S>>> {
  if (!req.isMultipart()) throw notMultipart();
  const raw: Record<string, string> = {};
  const files: UploadedFile[] = [];
  try {
    for await (const part of req.parts({ limits: MULTIPART_LIMITS })) {
      if (part.type === 'field') {
        if (part.fieldname in raw || part.fieldname === 'files') throw invalid([{ field: part.fieldname, message: 'is given more than once' }]);
        raw[part.fieldname] = typeof part.value === 'string' ? part.value : String(part.value);
        continue;
      }
      if (part.fieldname !== 'files') throw invalid([{ field: part.fieldname, message: 'is not a known field; send files as parts named "files"' }]);
      const field = `files[${files.length}]`;
      if (files.length >= MESSAGE_FILES_MAX) {
        throw invalid([{ field, message: `is one file too many; a message carries at most ${MESSAGE_FILES_MAX}` }], 'too_many_files');
      }
      files.push({ field, fileName: part.filename || undefined, bytes: await part.toBuffer() });
    }
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw invalid([{ field: `files[${files.length}]`, message: `is larger than ${MESSAGE_FILE_MAX_BYTES} bytes (10 MB), the largest a message accepts` }], 'file_too_large');
    }
    if ((err as { code?: string }).code === 'FST_FILES_LIMIT') {
      throw invalid([{ field: `files[${MESSAGE_FILES_MAX}]`, message: `is one file too many; a message carries at most ${MESSAGE_FILES_MAX}` }], 'too_many_files');
    }
    throw err;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw invalid(parsed.error.issues.flatMap((i): FieldIssue[] => {
      if (i.code === 'unrecognized_keys') return i.keys.map((k) => ({ field: k, message: 'is not a known field' }));
      return [{ field: i.path.join('.') || 'body', message: i.message }];
    }));
  }
  return { fields: parsed.data, files };
}
