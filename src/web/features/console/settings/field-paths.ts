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
