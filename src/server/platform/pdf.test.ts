import { describe, expect, it } from 'vitest';
import { renderPdf, type PdfBlock, type PdfDocumentSpec } from './pdf.js';

// The pdf platform part (issue 10): tagged, embedded Spanish-capable font,
// byte-identical for identical input.

/** A real 1x1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const CREATED = new Date('2026-12-03T15:30:00Z');

const SPANISH = 'Señora Muñoz: ¿Cómo está? ¡Gracias por su visita! Próxima cita: miércoles; pingüino, año.';

const consentForm = (extra: Partial<PdfDocumentSpec> = {}): PdfDocumentSpec => ({
  title: 'Consentimiento informado',
  language: 'es',
  createdAt: CREATED,
  blocks: [
    { kind: 'heading', text: 'Consentimiento para inyección epidural' },
    { kind: 'paragraph', text: SPANISH },
    { kind: 'keyValue', rows: [{ label: 'Paciente', value: 'José Núñez' }, { label: 'Fecha', value: '3 de diciembre de 2026' }] },
    { kind: 'heading', text: 'Riesgos', level: 2 },
    { kind: 'list', items: ['Dolor en el sitio de la inyección', 'Infección (rara)'] },
    { kind: 'table', columns: ['Medicamento', 'Dosis'], rows: [['Lidocaína', '1 %'], ['Dexametasona', '10 mg']] },
    { kind: 'image', bytes: PNG, alt: 'Firma del paciente', width: 120 },
  ],
  ...extra,
});

/**
 * The text drawn on the pages of an uncompressed PDF written by pdfkit: each
 * shown string decoded through its font's ToUnicode map (pdfkit writes glyph
 * ids, not characters), one string per line.
 */
function shownText(pdf: Buffer): string {
  const src = pdf.toString('latin1');
  const objects = new Map<string, string>();
  for (const m of src.matchAll(/(\d+) 0 obj([\s\S]*?)endobj/g)) objects.set(m[1]!, m[2]!);
  const streamOf = (body: string) => /stream\r?\n([\s\S]*?)\r?\nendstream/.exec(body)?.[1] ?? '';
  // Font resource name -> code -> text.
  const maps = new Map<string, Map<number, string>>();
  for (const m of src.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
    const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(objects.get(m[2]!) ?? '')?.[1];
    if (!toUnicode || maps.has(m[1]!)) continue;
    const map = new Map<number, string>();
    for (const r of streamOf(objects.get(toUnicode)!).matchAll(/<([0-9a-f]{4})> <[0-9a-f]{4}> \[([^\]]*)\]/g)) {
      [...r[2]!.matchAll(/<([0-9a-f ]+)>/g)].forEach((e, i) => {
        map.set(parseInt(r[1]!, 16) + i, String.fromCharCode(...e[1]!.split(' ').map((h) => parseInt(h, 16))));
      });
    }
    maps.set(m[1]!, map);
  }
  const lines: string[] = [];
  for (const page of [...objects.values()].filter((b) => /\/Type \/Page\b/.test(b))) {
    const contents = /\/Contents (\d+) 0 R/.exec(page)![1]!;
    let font = new Map<number, string>();
    for (const op of streamOf(objects.get(contents)!).matchAll(/\/(F\d+) [\d.]+ Tf|\[((?:<[0-9a-f]*>|\s|-?[\d.]+)*)\] TJ/g)) {
      if (op[1]) font = maps.get(op[1]) ?? new Map();
      else lines.push([...op[2]!.matchAll(/<([0-9a-f]*)>/g)].map((h) => h[1]!.match(/.{4}/g)?.map((c) => font.get(parseInt(c, 16)) ?? '\uFFFD').join('') ?? '').join(''));
    }
  }
  return lines.join('\n');
}
const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('issue 10: server-side PDF', () => {
  it('writes a PDF 1.7 file that ends with its trailer', async () => {
    const pdf = await renderPdf(consentForm());
    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    expect(pdf.subarray(-6).toString('latin1').trim()).toBe('%%EOF');
  });

  it('is tagged: a structure tree with headings, paragraphs, a list, tables with header scopes and a figure with its alternative text; the language and the title are set', async () => {
    const src = (await renderPdf(consentForm(), { compress: false })).toString('latin1');
    expect(src).toContain('/StructTreeRoot');
    expect(src).toMatch(/\/MarkInfo \d+ 0 R/);
    expect(src).toMatch(/\/Marked true/);
    expect(src).toContain('/Lang (es-US)');
    expect(src).toMatch(/\/DisplayDocTitle true/);
    for (const tag of ['Document', 'H1', 'H2', 'P', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'TR', 'TH', 'TD', 'Figure']) expect(src, tag).toContain(`/S /${tag}\n`);
    expect(src).toContain('/Scope /Row');
    expect(src).toContain('/Scope /Column');
    expect(src).toContain('/Alt (Firma del paciente)');
    expect(src).toMatch(/\/Subtype \/Image/);
    const title = /\/Title (\d+) 0 R/.exec(src)![1]!;
    expect(src).toContain(`${title} 0 obj\n(Consentimiento informado)`);
  });

  it('embeds its TrueType font and uses no other (no unembedded standard font)', async () => {
    const src = (await renderPdf(consentForm(), { compress: false })).toString('latin1');
    expect(src).toContain('/FontFile2');
    expect(src).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\n/);
    expect(src).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans-Bold\n/);
    expect(src).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
  });

  it('keeps Spanish text with accents, ñ, ü and inverted marks as the reader will copy it', async () => {
    const text = flat(shownText(await renderPdf(consentForm(), { compress: false })));
    expect(text).toContain(SPANISH);
    expect(text).toContain('Consentimiento para inyección epidural');
    for (const cell of ['Paciente', 'José Núñez', 'Medicamento', 'Lidocaína', 'Dexametasona']) expect(text).toContain(cell);
    expect(text).not.toContain('\uFFFD');
  });

  it('is byte-identical for identical input, and differs when the creation date does', async () => {
    const [a, b] = await Promise.all([renderPdf(consentForm()), renderPdf(consentForm())]);
    expect(a.equals(b)).toBe(true);
    const later = await renderPdf(consentForm({ createdAt: new Date('2026-12-04T15:30:00Z') }));
    expect(later.equals(a)).toBe(false);
  });

  it('puts the footer on every page as a pagination artifact, with the page count', async () => {
    const blocks: PdfBlock[] = [{ kind: 'heading', text: 'Visit summary' }];
    for (let i = 1; i <= 40; i++) blocks.push({ kind: 'paragraph', text: `Paragraph ${i}: the patient reports less pain after physical therapy, and sleeps through the night.` });
    const pdf = await renderPdf({
      title: 'Visit summary', language: 'en', createdAt: CREATED, blocks,
      footer: ({ number, count }) => `Document hash 9f86d081 · page ${number} of ${count}`,
    }, { compress: false });
    const src = pdf.toString('latin1');
    const pages = (src.match(/\/Type \/Page\n/g) ?? []).length;
    expect(pages).toBeGreaterThan(1);
    expect((src.match(/\/Artifact <<\s*\/Type \/Pagination\s*>> BDC/g) ?? []).length).toBe(pages);
    const text = shownText(pdf);
    for (let n = 1; n <= pages; n++) expect(text).toContain(`Document hash 9f86d081 · page ${n} of ${pages}`);
    expect(src).toContain('/Lang (en-US)');
    expect(flat(text)).toContain('Paragraph 40: the patient reports less pain');
  });

  it('refuses an image it cannot read with a rejected promise, not a crash', async () => {
    const bad = renderPdf({ title: 'x', language: 'en', createdAt: CREATED, blocks: [{ kind: 'image', bytes: Buffer.from('not an image'), alt: 'nothing' }] });
    await expect(bad).rejects.toThrow();
  });
});
