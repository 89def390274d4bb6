/**
 * Where a refused field is on a settings form. The server names fields two
 * ways: its schema check as `hours.2.closes`, the settings engine as
 * `hours[2].closes` (and, for a document, `locations[1].hours[0]`). Both read
 * the same here, and every input's id is made from the path, so an issue lands
 * at its input and the error summary links to it.
 */

/** `hours[2].closes` and `hours.2.closes` both as `hours.2.closes`; a leading `body.` is dropped. */
export function normalizePath(path: string): string {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^\.+/, '')
    .replace(/^body(\.|$)/, '');
}

/** The id of a form's input for a path: `fieldId('loc', 'hours.2.closes')` is `f-loc-hours-2-closes`. */
export function fieldId(form: string, path: string): string {
  const p = normalizePath(path);
  return p ? `f-${form}-${p.replace(/\./g, '-')}` : `f-${form}`;
}

/**
 * The path of the input that shows an issue: the path itself when the form has
 * an input for it, else its nearest ancestor that has one (`hours.2` for
 * `hours.2` refused as a whole goes to `hours.2.opens` when that is the first
 * input under it), else null (the issue is shown at the top of the form).
 */
export function targetPath(path: string, known: readonly string[]): string | null {
  let p = normalizePath(path);
  for (;;) {
    if (known.includes(p)) return p;
    const under = known.find((k) => p !== '' && k.startsWith(`${p}.`));
    if (under) return under;
    if (p === '') return null;
    const cut = p.lastIndexOf('.');
    p = cut < 0 ? '' : p.slice(0, cut);
  }
}

/** The collections of the settings document: a path that starts with one is a document path (the settings engine's). */
const DOCUMENT_ROOTS = ['organization', 'regions', 'locations', 'holidays', 'visitTypes', 'practitioners'];

/** The document names a reference by its natural key where the console sends an id. */
const ALIASES: Record<string, string> = { region: 'regionId', visitTypes: 'visitTypeIds', location: 'locationId' };

/**
 * An issue's path as the form knows it. The schema check and the console's own
 * paths (`hours.2`) are the form's already; the settings engine may name the
 * whole document (`locations[1].hours[0]`): under the form's own item (`scope`,
 * such as `locations.1`) that is `hours.0`; under another item it is not this
 * form's (null: shown at the top with its path).
 */
export function localPath(path: string, scope: string | null): string | null {
  const p = normalizePath(path);
  const alias = (q: string) => q.split('.').map((seg) => ALIASES[seg] ?? seg).join('.');
  if (!DOCUMENT_ROOTS.includes(p.split('.')[0]!)) return p;
  if (scope === null) return null;
  if (p === scope) return '';
  return p.startsWith(`${scope}.`) ? alias(p.slice(scope.length + 1)) : null;
}
