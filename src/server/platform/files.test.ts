import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.js';
import { openTestDb, type TestDb } from '../testing/test-db.js';
import { checkFile, createDbFileStore, MAX_FILE_BYTES, pdfHasScript } from './files.js';

// The files platform part (issue 10), on whichever database the suite runs
// (PGlite, or PostgreSQL with DATABASE_URL).

/** A real 1x1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
/** A JPEG's start of image and JFIF header: enough for the sniffer. */
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(64, 1)]);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const GIF = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(32, 0)]);

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const store = createDbFileStore();
let db: TestDb;
let org: string;
let otherOrg: string;

beforeAll(async () => {
  db = await openTestDb();
  const insertOrg = async (slug: string) => (await db.one<{ id: string }>('INSERT INTO organization (slug, name) VALUES ($1, $1) RETURNING id', [slug]))!.id;
  org = await insertOrg('files-a');
  otherOrg = await insertOrg('files-b');
  // A row that owns a file, as a referral or a signed form will.
  await db.exec(`CREATE TABLE test_attachment (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    file_id uuid NOT NULL REFERENCES stored_file(id),
    label text NOT NULL CHECK (label <> '')
  )`);
});
afterAll(async () => db?.dispose());

/** The refusal a call throws: its reason and the field it names. */
async function refusal(p: Promise<unknown>) {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(AppError);
  const err = e as AppError;
  return { code: err.code, reason: err.details.reason, issues: err.details.issues };
}

describe('issue 10: files are typed from their bytes', () => {
  it('accepts PDF, PNG and JPEG and says which each is', async () => {
    expect(await checkFile(PDF, { maxBytes: 1000 })).toMatchObject({ mediaType: 'application/pdf', ext: 'pdf', sha256: sha256(PDF) });
    expect((await checkFile(PNG, { maxBytes: 1000 })).mediaType).toBe('image/png');
    expect((await checkFile(JPEG, { maxBytes: 1000 })).mediaType).toBe('image/jpeg');
  });

  it('refuses a text file, a GIF, and a script whatever it is called, naming the field', async () => {
    for (const bytes of [Buffer.from('Hello, this is plain text.\n'), GIF, Buffer.from('#!/bin/sh\nrm -rf /\n'), Buffer.from('<html><script>alert(1)</script></html>')]) {
      expect(await refusal(checkFile(bytes, { maxBytes: 1000, field: 'attachment' }))).toEqual({
        code: 'INVALID', reason: 'file_type_not_allowed', issues: [{ field: 'attachment', message: 'must be a PDF, PNG or JPEG file' }],
      });
    }
  });

  it('refuses an empty file and one over the caller’s limit (the limit itself is allowed)', async () => {
    expect(await refusal(checkFile(new Uint8Array(0), { maxBytes: 1000 }))).toMatchObject({ reason: 'file_empty', issues: [{ field: 'file' }] });
    expect(await refusal(checkFile(PNG, { maxBytes: PNG.length - 1 }))).toMatchObject({ code: 'INVALID', reason: 'file_too_large', issues: [{ field: 'file' }] });
    expect((await checkFile(PNG, { maxBytes: PNG.length })).mediaType).toBe('image/png');
    // No caller can raise the ceiling.
    const huge = Buffer.concat([PDF, Buffer.alloc(MAX_FILE_BYTES)]);
    expect(await refusal(checkFile(huge, { maxBytes: Number.MAX_SAFE_INTEGER }))).toMatchObject({ reason: 'file_too_large' });
  });
});

describe('issue 10: the database file store', () => {
  it('stores bytes and reads back the same bytes, type, hash and size; a PNG named .pdf is stored as a PNG', async () => {
    // The store is never told a name or a type: nothing a client says about the file reaches it.
    const info = await store.put(db, { organizationId: org, bytes: PNG, maxBytes: 10_000 });
    expect(info).toEqual({ id: expect.any(String), sha256: sha256(PNG), mediaType: 'image/png', ext: 'png', sizeBytes: PNG.length });
    const read = await store.get(db, org, info.id);
    expect(read).toMatchObject({ ...info, createdAt: expect.any(Date) });
    expect(Buffer.compare(read!.bytes, PNG)).toBe(0);
    expect(await store.info(db, org, info.id)).toEqual(info);
  });

  it('keeps binary content exact: every byte value, and bytes with a trailing zero', async () => {
    const bytes = Buffer.concat([PDF, Buffer.from(Array.from({ length: 256 }, (_, i) => i)), Buffer.from([0, 0])]);
    const info = await store.put(db, { organizationId: org, bytes, maxBytes: 10_000 });
    const read = await store.get(db, org, info.id);
    expect(read!.sizeBytes).toBe(bytes.length);
    expect(read!.bytes.equals(bytes)).toBe(true);
    expect(sha256(read!.bytes)).toBe(info.sha256);
  });

  it('stores the same bytes once per organization; another organization gets its own row and cannot read this one', async () => {
    const first = await store.put(db, { organizationId: org, bytes: JPEG, maxBytes: 10_000 });
    const again = await store.put(db, { organizationId: org, bytes: Uint8Array.from(JPEG), maxBytes: 10_000 });
    expect(again).toEqual(first);
    const theirs = await store.put(db, { organizationId: otherOrg, bytes: JPEG, maxBytes: 10_000 });
    expect(theirs.id).not.toBe(first.id);
    expect(await store.get(db, otherOrg, first.id)).toBeUndefined();
    expect(await store.info(db, otherOrg, first.id)).toBeUndefined();
  });

  it('answers nothing for an unknown or malformed id', async () => {
    expect(await store.get(db, org, '00000000-0000-4000-8000-000000000000')).toBeUndefined();
    expect(await store.get(db, org, "x' OR 1=1 --")).toBeUndefined();
  });

  it('commits a file with the row that owns it, in one transaction', async () => {
    const bytes = Buffer.concat([PDF, Buffer.from('committed')]);
    const { attachment, file } = await db.tx(async (t) => {
      const file = await store.put(t, { organizationId: org, bytes, maxBytes: 10_000 });
      const attachment = (await t.one<{ id: string }>('INSERT INTO test_attachment (file_id, label) VALUES ($1, $2) RETURNING id', [file.id, 'referral letter']))!;
      return { attachment, file };
    });
    const owned = await db.one<{ file_id: string }>('SELECT file_id FROM test_attachment WHERE id = $1', [attachment.id]);
    expect(owned!.file_id).toBe(file.id);
    expect((await store.get(db, org, file.id))!.bytes.equals(bytes)).toBe(true);
  });

  it('stores nothing when the owner’s insert fails: the file rolls back with it', async () => {
    const bytes = Buffer.concat([PDF, Buffer.from('rolled back')]);
    let fileId = '';
    const failed = await db.tx(async (t) => {
      fileId = (await store.put(t, { organizationId: org, bytes, maxBytes: 10_000 })).id;
      await t.query('INSERT INTO test_attachment (file_id, label) VALUES ($1, $2)', [fileId, '']); // violates the CHECK
    }).then(() => null, (e: unknown) => e);
    expect(failed).toBeInstanceOf(Error);
    expect(fileId).not.toBe('');
    expect(await store.get(db, org, fileId)).toBeUndefined();
    expect(await db.one('SELECT 1 FROM stored_file WHERE sha256 = $1', [Buffer.from(sha256(bytes), 'hex')])).toBeUndefined();
  });

  it('stores nothing for a refused file, and the transaction it was in can go on', async () => {
    const before = (await db.one<{ n: number }>('SELECT count(*)::int AS n FROM stored_file'))!.n;
    const outcome = await db.tx(async (t) => {
      const r = await refusal(store.put(t, { organizationId: org, bytes: Buffer.from('not a file we take'), maxBytes: 10_000, field: 'letter' }));
      await t.query('SELECT 1');
      return r;
    });
    expect(outcome).toMatchObject({ reason: 'file_type_not_allowed', issues: [{ field: 'letter' }] });
    expect((await db.one<{ n: number }>('SELECT count(*)::int AS n FROM stored_file'))!.n).toBe(before);
  });

  it('the table refuses a row whose size or type does not hold, whoever writes it', async () => {
    const bad = [
      ['image/gif', 3, Buffer.from('abc')],
      ['image/png', 4, Buffer.from('abc')],
    ] as const;
    for (const [type, size, content] of bad) {
      await expect(db.query('INSERT INTO stored_file (organization_id, sha256, media_type, size_bytes, content) VALUES ($1, $2, $3, $4, $5)', [org, Buffer.alloc(32, size), type, size, content])).rejects.toThrow();
    }
  });
});

describe('issue 12: a PDF that carries JavaScript is found however its name is spelled', () => {
  const pdfWith = (body: string | Buffer) => Buffer.concat([Buffer.from('%PDF-1.7\n1 0 obj\n'), Buffer.from(body), Buffer.from('\nendobj\n%%EOF\n')]);
  it.each([
    ['plain /JS', '<< /S /JavaScript /JS (app.alert(1)) >>'],
    ['an escape inside the name', '<< /S /Java#53cript >>'],
    ['an escape as the first letter', '<< /#4AS (x) >>'],
    ['a lower-case escape', '<< /#4aavaScript (x) >>'],
  ])('%s', (_label, body) => {
    expect(pdfHasScript(pdfWith(body))).toBe(true);
  });

  it('inside a Flate-compressed object stream', () => {
    const hidden = deflateSync(Buffer.from('<< /S /JavaScript /JS (app.alert(1)) >>'));
    const body = Buffer.concat([Buffer.from('<< /Type /ObjStm /Filter /FlateDecode >>\nstream\n'), hidden, Buffer.from('\nendstream')]);
    expect(pdfHasScript(pdfWith(body))).toBe(true);
  });

  it('not in a PDF whose names only look close (/Jpeg, /JSX is not /JS) or that has none', () => {
    expect(pdfHasScript(PDF)).toBe(false);
    expect(pdfHasScript(pdfWith('<< /Jpeg 1 /JSX 2 /Type /Page >>'))).toBe(false);
    expect(pdfHasScript(pdfWith(Buffer.from('3a4f'.repeat(1000))))).toBe(false);
  });
});
