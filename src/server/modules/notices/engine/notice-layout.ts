/**
 * How a notice is laid out, apart from what it says: a template returns a
 * subject and blocks, and this one function turns them into plain text and
 * HTML. Every value is escaped here, so no template can forget to, and a
 * patient named `<script>` stays a name.
 */
export type Language = 'en' | 'es';
export const LANGUAGES: readonly Language[] = ['en', 'es'];

/** What every template may use besides its own params: the clinic's name and the base of its links. */
export interface RenderContext {
  clinicName: string;
  /** PUBLIC_URL without a trailing slash; every link in a notice starts with it. */
  publicUrl: string;
}

/** A paragraph, a link on its own line, or a blank line. */
export type Block = string | { label: string; href: string } | null;

export interface Draft {
  subject: string;
  blocks: readonly Block[];
}

export interface Rendered {
  subject: string;
  text: string;
  html: string;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A link under PUBLIC_URL; each path segment is encoded, so a token cannot change the link's shape. */
export function linkTo(ctx: RenderContext, ...segments: string[]): string {
  return `${ctx.publicUrl.replace(/\/+$/, '')}/${segments.map(encodeURIComponent).join('/')}`;
}

export function renderDraft(d: Draft, language: Language): Rendered {
  const text = d.blocks.map((b) => (b === null ? '' : typeof b === 'string' ? b : `${b.label}: ${b.href}`)).join('\n');
  const body = d.blocks
    .map((b) => {
      if (b === null) return '<br>';
      if (typeof b === 'string') return `<p>${escapeHtml(b)}</p>`;
      return `<p>${escapeHtml(b.label)}: <a href="${escapeHtml(b.href)}">${escapeHtml(b.href)}</a></p>`;
    })
    .join('');
  const html = `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(d.subject)}</title></head><body>${body}</body></html>`;
  return { subject: d.subject, text: `${text}\n`, html };
}
