import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';
// file-type is pinned to major 21 in package.json: 22 requires Node 22, and
// Relief still runs on Node 20.19 (DESIGN "Chosen libraries").
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../../shared/errors.js';
import type { Queryable } from '../db/db.js';

/**
 * The files port: bytes stored with their SHA-256 and the type read from the
 * bytes themselves. A file name or a client's Content-Type is never believed:
 * a PNG named `scan.pdf` is a PNG, and a script named `scan.pdf` is refused.
 *
 * Every call takes the caller's Queryable (`t`), usually the transaction that
 * also writes the row owning the file, so a file and its owner commit or roll
 * back together: no orphaned bytes, no owner pointing at nothing.
 */

/** The only types a file may have (DESIGN "Chosen libraries"): what clinics exchange, and nothing that runs. */
export const ALLOWED_FILE_TYPES = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
} as const;
export type FileMediaType = keyof typeof ALLOWED_FILE_TYPES;

/**
 * No caller may accept more than this: a file travels as one query parameter
 * and is held in memory while it is checked, hashed and written.
 */
export const MAX_FILE_BYTES = 25 * 1024 * 1024;

/** Stable reason codes of a refused file, for the web to translate. */
export type FileRefusal = 'file_empty' | 'file_too_large' | 'file_type_not_allowed' | 'file_type_mismatch' | 'file_has_script';

/** The extensions a file name may have for each type (a name without an extension is accepted as it is). */
const EXTENSIONS: Record<FileMediaType, readonly string[]> = {
  'application/pdf': ['pdf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg', 'jpe', 'jfif'],
};

export interface StoredFileInfo {
  id: string;
  /** Lower-case hex SHA-256 of the bytes. */
  sha256: string;
  mediaType: FileMediaType;
  /** The usual extension of mediaType, for a download's file name. */
  ext: (typeof ALLOWED_FILE_TYPES)[FileMediaType];
  sizeBytes: number;
}

export interface StoredFile extends StoredFileInfo {
  bytes: Buffer;
  createdAt: Date;
}

export interface PutFile {
  organizationId: string;
  bytes: Uint8Array;
  /** The largest file this caller accepts (a referral attachment and a profile photo differ); at most MAX_FILE_BYTES. */
  maxBytes: number;
  /** The request field the bytes came from, named in a refusal (default `file`). */
  field?: string;
  /** The uploader's file name: its extension must agree with the bytes (a PNG named `scan.pdf` is refused). */
  fileName?: string | undefined;
}

declare const checkedBrand: unique symbol;
/** Bytes that checkFile has passed, with what it found: only checkFile makes one. */
export interface CheckedFile {
  readonly [checkedBrand]: true;
  bytes: Uint8Array;
  mediaType: FileMediaType;
  /** Lower-case hex SHA-256 of the bytes. */
  sha256: string;
  ext: (typeof ALLOWED_FILE_TYPES)[FileMediaType];
}

export interface FileStore {
  /** Checks, hashes and stores the bytes in `t`; the same bytes already stored for the organization are not stored twice. */
  put(t: Queryable, file: PutFile): Promise<StoredFileInfo>;
  /**
   * Stores bytes the caller has already checked (a message checks all its
   * files before it opens a transaction), so a 10 MB file is read, hashed and
   * scanned once, not twice.
   */
  putChecked(t: Queryable, organizationId: string, file: CheckedFile): Promise<StoredFileInfo>;
  /** The file with its bytes, or undefined when the organization has no such file. */
  get(t: Queryable, organizationId: string, id: string): Promise<StoredFile | undefined>;
  /** What is known of the file without reading its bytes. */
  info(t: Queryable, organizationId: string, id: string): Promise<StoredFileInfo | undefined>;
}

function refuse(reason: FileRefusal, field: string, message: string): AppError {
  return new AppError('INVALID', `${field}: ${message}`, { reason, issues: [{ field, message }] });
}

/**
 * What the bytes are, if they are of an allowed type; throws the refusal
 * otherwise. Exported for callers that check a file before they hold a
 * transaction (an upload route answering early).
 */
export async function checkFile(bytes: Uint8Array, opts: { maxBytes: number; field?: string | undefined; fileName?: string | undefined }): Promise<CheckedFile> {
  const field = opts.field ?? 'file';
  if (bytes.byteLength === 0) throw refuse('file_empty', field, 'is empty; choose a file that has something in it');
  const maxBytes = Math.min(opts.maxBytes, MAX_FILE_BYTES);
  if (bytes.byteLength > maxBytes) {
    throw refuse('file_too_large', field, `is ${bytes.byteLength} bytes; the largest accepted is ${maxBytes} bytes`);
  }
  const sniffed = await fileTypeFromBuffer(bytes);
  if (!sniffed || !(sniffed.mime in ALLOWED_FILE_TYPES)) {
    throw refuse('file_type_not_allowed', field, 'must be a PDF, PNG or JPEG file');
  }
  const mediaType = sniffed.mime as FileMediaType;
  if (opts.fileName !== undefined && !nameFitsType(opts.fileName, mediaType)) {
    throw refuse('file_type_mismatch', field, `is named ${JSON.stringify(extensionOf(opts.fileName))} but its contents are a ${ALLOWED_FILE_TYPES[mediaType].toUpperCase()} file; rename it or choose the right file`);
  }
  if (mediaType === 'application/pdf' && pdfHasScript(bytes)) {
    throw refuse('file_has_script', field, 'is a PDF that carries JavaScript, which is not accepted; print it to a new PDF and send that');
  }
  return { bytes, mediaType, ext: ALLOWED_FILE_TYPES[mediaType], sha256: createHash('sha256').update(bytes).digest('hex') } as CheckedFile;
}

/** The lower-case extension of a file name (`.PDF` -> `pdf`), or '' when it has none. */
export function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/** Whether a file name's extension agrees with the type read from the bytes; a name without one says nothing. */
export function nameFitsType(fileName: string, mediaType: FileMediaType): boolean {
  const ext = extensionOf(fileName);
  return ext === '' || EXTENSIONS[mediaType].includes(ext);
}

/** A PDF name token, with its #xx escapes (PDF 32000-1 7.3.5): `/J#53` is `/JS`. */
const PDF_NAME = /\/((?:[^\s()<>[\]{}/%#]|#[0-9A-Fa-f]{2})+)/g;
const SCRIPT_NAMES = new Set(['JS', 'JavaScript']);
/** Object streams (PDF 1.5) compressed with Flate: their objects are not in the file's plain text. */
const OBJECT_STREAM = /\/Type\s*\/ObjStm[^]*?stream\r?\n/g;
/** Inflating is bounded: a crafted stream must not make a check cost more than the upload. */
const MAX_INFLATED_BYTES = 4 * 1024 * 1024;
const MAX_OBJECT_STREAMS = 64;

function hasScriptName(text: string): boolean {
  for (const m of text.matchAll(PDF_NAME)) {
    const name = m[1]!.includes('#') ? m[1]!.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : m[1]!;
    if (SCRIPT_NAMES.has(name)) return true;
  }
  return false;
}

/**
 * Whether a PDF carries JavaScript: a `/JS` or `/JavaScript` name anywhere in
 * its uncompressed text, or inside a Flate-compressed object stream (where a
 * writer may hide the action dictionary). Cheap rather than complete: a
 * script in a stream of another kind is not looked for.
 */
export function pdfHasScript(bytes: Uint8Array): boolean {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Only a name that starts with J, or with an escape, can spell JS or JavaScript; only an object stream
  // hides names. Most PDFs (and every scan of random bytes) have neither: skip making a string of them.
  const mayName = buf.includes('/J') || buf.includes('/#');
  const mayStream = buf.includes('ObjStm');
  if (!mayName && !mayStream) return false;
  const text = buf.toString('latin1');
  if (mayName && hasScriptName(text)) return true;
  if (!mayStream) return false;
  let seen = 0;
  for (const m of text.matchAll(OBJECT_STREAM)) {
    if (++seen > MAX_OBJECT_STREAMS) break;
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    try {
      const inflated = inflateSync(Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start), { maxOutputLength: MAX_INFLATED_BYTES });
      if (hasScriptName(inflated.toString('latin1'))) return true;
    } catch {
      // Not Flate, or truncated: nothing more to read cheaply.
    }
  }
  return false;
}

interface FileRow {
  id: string;
  sha256: Uint8Array;
  media_type: FileMediaType;
  size_bytes: number;
  content?: Uint8Array;
  created_at?: Date;
}

const toInfo = (r: FileRow): StoredFileInfo => ({
  id: r.id,
  sha256: Buffer.from(r.sha256).toString('hex'),
  mediaType: r.media_type,
  ext: ALLOWED_FILE_TYPES[r.media_type],
  sizeBytes: r.size_bytes,
});

/** An id that is not a uuid finds nothing, rather than failing the query with a cast error. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The default adapter: files in the `stored_file` table (migration 0011), in the caller's transaction. */
export function createDbFileStore(): FileStore {
  const putChecked: FileStore['putChecked'] = async (t, organizationId, file) => {
    const hash = Buffer.from(file.sha256, 'hex');
    // One round trip whether or not the bytes are new: the no-op update on
    // a conflict makes RETURNING answer the row already there. Its lock
    // also makes a concurrent put of the same bytes wait for this
    // transaction, so the second one sees the first one's row or stores its own.
    const row = await t.one<FileRow>(
      `INSERT INTO stored_file (organization_id, sha256, media_type, size_bytes, content)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ON CONSTRAINT stored_file_once_per_organization DO UPDATE SET sha256 = EXCLUDED.sha256
       RETURNING id, sha256, media_type, size_bytes`,
      [organizationId, hash, file.mediaType, file.bytes.byteLength, Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength)],
    );
    return toInfo(row!);
  };

  return {
    async put(t, file) {
      return putChecked(t, file.organizationId, await checkFile(file.bytes, file));
    },
    putChecked,
    async get(t, organizationId, id) {
      if (!UUID.test(id)) return undefined;
      const row = await t.one<FileRow>(
        'SELECT id, sha256, media_type, size_bytes, content, created_at FROM stored_file WHERE organization_id = $1 AND id = $2',
        [organizationId, id],
      );
      if (!row) return undefined;
      const bytes = Buffer.from(row.content!.buffer, row.content!.byteOffset, row.content!.byteLength);
      return { ...toInfo(row), bytes, createdAt: new Date(row.created_at!) };
    },
    async info(t, organizationId, id) {
      if (!UUID.test(id)) return undefined;
      const row = await t.one<FileRow>('SELECT id, sha256, media_type, size_bytes FROM stored_file WHERE organization_id = $1 AND id = $2', [organizationId, id]);
      return row ? toInfo(row) : undefined;
    },
  };
}
