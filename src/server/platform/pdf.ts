import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

/**
 * The pdf port: documents for patients and staff (signed forms and
 * agreements, statements, receipts, visit summaries) described as a list of
 * blocks and drawn server-side by pdfkit.
 *
 * - The text is set in DejaVu Sans, embedded from the `dejavu-fonts-ttf`
 *   package (a TrueType font: pdfkit's subsetter crashes on WOFF2), which
 *   covers Spanish (á é í ó ú ü ñ ¿ ¡) and much more; nothing is downloaded
 *   at run time.
 * - The PDF is tagged (PDF/UA-style, as far as pdfkit goes): a structure tree
 *   under one Document element with H1-H3, P, L/LI, Table/TR/TH/TD with
 *   header scopes, and Figure with alternative text; the catalog carries the
 *   language and the viewer shows the title rather than the file name. Page
 *   footers are marked as pagination artifacts, so screen readers skip them.
 * - Given the same input, the output is byte-identical: the creation date is
 *   the caller's (a clock, not this module, decides it), and pdfkit derives
 *   the file identifier and the font subset tags from its input alone. So the
 *   hash of a generated document can be recorded and checked later.
 */

export type PdfLanguage = 'en' | 'es';

export type PdfBlock =
  | { kind: 'heading'; text: string; level?: 1 | 2 | 3 }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[]; numbered?: boolean }
  /** Label and value pairs (a patient's name, a date of service), drawn as a two-column table with the labels as row headers. */
  | { kind: 'keyValue'; rows: { label: string; value: string }[] }
  /** A data table: `columns` are the column headers; every row has one cell per column. */
  | { kind: 'table'; columns: string[]; rows: string[][] }
  /** A PNG or JPEG (a drawn signature, a chart), with the words a screen reader says instead. */
  | { kind: 'image'; bytes: Uint8Array; alt: string; width?: number };

export interface PdfDocumentSpec {
  title: string;
  language: PdfLanguage;
  blocks: PdfBlock[];
  /** The document's creation instant, written in its metadata: fixed input, fixed bytes. */
  createdAt: Date;
  author?: string;
  subject?: string;
  /**
   * A line at the foot of every page: for example the hash of the signed
   * content and "page n of m". Called once per page after the content is laid out.
   */
  footer?: (page: { number: number; count: number }) => string;
}

export interface PdfRenderOptions {
  /** false leaves the content streams readable: for tests and debugging only. */
  compress?: boolean;
}

/** BCP 47 tags of the languages documents are written in (Central Texas: US English, US Spanish). */
const LANG: Record<PdfLanguage, string> = { en: 'en-US', es: 'es-US' };

const requireFromHere = createRequire(import.meta.url);
const FONT = {
  regular: requireFromHere.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: requireFromHere.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
};

const MARGIN = 54; // 3/4 inch
const BODY_SIZE = 11;
const FOOTER_SIZE = 8;
const HEADING_SIZE = { 1: 18, 2: 14, 3: 12 } as const;

type Doc = InstanceType<typeof PDFDocument>;
type Struct = ReturnType<Doc['struct']>;

/** Renders the document; resolves to the PDF bytes. */
export function renderPdf(spec: PdfDocumentSpec, opts: PdfRenderOptions = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: MARGIN,
    pdfVersion: '1.7',
    tagged: true,
    lang: LANG[spec.language],
    displayTitle: true,
    // Pages stay in memory until the end, so footers can say "of m".
    bufferPages: true,
    compress: opts.compress ?? true,
    // The body font from the start, so pdfkit's default Helvetica (not embedded) is never set.
    font: FONT.regular,
    info: {
      Title: spec.title,
      CreationDate: spec.createdAt,
      ...(spec.author ? { Author: spec.author } : {}),
      ...(spec.subject ? { Subject: spec.subject } : {}),
      Creator: 'Relief',
    },
  });
  doc.registerFont('body', FONT.regular);
  doc.registerFont('bold', FONT.bold);

  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  try {
    const root = doc.struct('Document');
    doc.addStructure(root);
    for (const block of spec.blocks) drawBlock(doc, root, block);
    root.end();
    if (spec.footer) drawFooters(doc, spec.footer);
    doc.end();
  } catch (err) {
    // A block pdfkit cannot draw (an image that is neither PNG nor JPEG): fail the promise, not the process.
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
  return done;
}

function drawBlock(doc: Doc, root: Struct, block: PdfBlock): void {
  switch (block.kind) {
    case 'heading': {
      const level = block.level ?? 1;
      doc.font('bold').fontSize(HEADING_SIZE[level]);
      doc.text(block.text, { structParent: root, structType: `H${level}` });
      doc.moveDown(0.5);
      return;
    }
    case 'paragraph':
      doc.font('body').fontSize(BODY_SIZE).text(block.text, { structParent: root, structType: 'P' });
      doc.moveDown(0.5);
      return;
    case 'list': {
      const list = doc.struct('L');
      root.add(list);
      doc.font('body').fontSize(BODY_SIZE).list(block.items, { structParent: list, listType: block.numbered ? 'numbered' : 'bullet' });
      list.end();
      doc.moveDown(0.5);
      return;
    }
    case 'keyValue':
      drawTable(doc, root, block.rows.map((r) => [{ text: r.label, type: 'TH', scope: 'row', font: { src: 'bold' } }, { text: r.value }]), [0.35, 0.65]);
      return;
    case 'table': {
      const header = block.columns.map((c) => ({ text: c, type: 'TH' as const, scope: 'column', font: { src: 'bold' } }));
      drawTable(doc, root, [header, ...block.rows.map((row) => block.columns.map((_, i) => ({ text: row[i] ?? '' })))]);
      return;
    }
    case 'image': {
      const width = Math.min(block.width ?? 200, doc.page.width - 2 * MARGIN);
      const figure = doc.struct('Figure', { alt: block.alt }, () => {
        doc.image(Buffer.from(block.bytes), { width });
      });
      root.add(figure);
      doc.moveDown(0.5);
      return;
    }
  }
}

interface Cell {
  text: string;
  type?: 'TH';
  scope?: string;
  font?: { src: string };
}

/** A table tagged cell by cell (pdfkit's accessible tables: Table, TR, TH with Scope, TD with Headers). */
function drawTable(doc: Doc, root: Struct, rows: Cell[][], fractions?: number[]): void {
  if (rows.length === 0) return;
  const width = doc.page.width - 2 * MARGIN;
  doc.font('body').fontSize(BODY_SIZE);
  // structParent on tables and the cell scope are in pdfkit but not yet in @types/pdfkit.
  const options = {
    structParent: root,
    position: { x: MARGIN },
    maxWidth: width,
    defaultStyle: { border: 0.5, padding: 4 },
    ...(fractions ? { columnStyles: fractions.map((f) => ({ width: f * width })) } : {}),
    data: rows,
  };
  doc.table(options as unknown as Parameters<Doc['table']>[0] & { data: [] });
  doc.x = MARGIN;
  doc.moveDown(0.5);
}

/** Footers on every page, marked as pagination artifacts (not content of the structure tree). */
function drawFooters(doc: Doc, footer: NonNullable<PdfDocumentSpec['footer']>): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    // Writing inside the bottom margin must not start a new page.
    doc.page.margins.bottom = 0;
    doc.markContent('Artifact', { type: 'Pagination' });
    doc.font('body').fontSize(FOOTER_SIZE).fillColor('#444444');
    doc.text(footer({ number: i - start + 1, count }), MARGIN, doc.page.height - MARGIN + FOOTER_SIZE, { lineBreak: false });
    doc.endMarkedContent();
    doc.fillColor('black');
    doc.page.margins.bottom = bottom;
  }
}
