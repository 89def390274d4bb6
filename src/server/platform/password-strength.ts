import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

/**
 * How guessable a new password is, by zxcvbn-ts with its common-password and
 * diceware lists and its English and Spanish words and names (NIST 800-63B
 * 5.1.1.2: refuse values from breach corpora and dictionary words). Everything
 * ships inside the npm packages: nothing is fetched at run time.
 *
 * Loading is the cost: decompressing and ranking about 400,000 words takes
 * about 0.6 s of CPU (measured on Node 20 here), so it happens once per
 * process, on the first call or on `warmPasswordStrength()` at start, never
 * per request. A check after that takes about 5 to 40 ms for an ordinary
 * passphrase. zxcvbn runs on the event loop and its matching grows with the
 * password's length and its leet-speak characters, so only the first
 * CHECKED_CHARS characters are estimated (a password that long whose start is
 * weak is weak) and leet substitutions are capped: a hostile 128-character
 * password then costs about 100 ms at most instead of close to a second.
 */
export const CHECKED_CHARS = 64;

export interface StrengthVerdict {
  /** zxcvbn's score, 0 (too guessable) to 4 (very unguessable). */
  score: 0 | 1 | 2 | 3 | 4;
  /** The whole password is one word of a list (a common password, a word or a name), perhaps reversed or in leet speak. */
  isListedWord: boolean;
  /** Part of it is the person's own name or email, as given in `userInputs`. */
  usesPersonalData: boolean;
  /** zxcvbn's warning and first suggestion, as its stable keys ('similarToCommon', 'anotherWord'), or null. */
  warning: string | null;
  suggestion: string | null;
}

let checker: Promise<ZxcvbnFactory> | undefined;

async function load(): Promise<ZxcvbnFactory> {
  const [{ ZxcvbnFactory }, common, en, es] = await Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
    import('@zxcvbn-ts/language-es-es'),
  ]);
  // No translations: feedback comes back as keys, which the web words in the reader's language.
  return new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary, ...es.dictionary },
    graphs: common.adjacencyGraphs,
    l33tMaxSubstitutions: 10,
  });
}

function zxcvbn(): Promise<ZxcvbnFactory> {
  checker ??= load();
  return checker;
}

/** Starts loading the lists in the background (at server start), so the first sign-up does not wait for them. */
export function warmPasswordStrength(): void {
  zxcvbn().catch(() => {
    // The first real check loads again and reports its own failure.
    checker = undefined;
  });
}

/** The verdict on one password; `userInputs` are the person's own words (name, email) that it must not be built on. */
export async function passwordStrength(password: string, userInputs: readonly string[] = []): Promise<StrengthVerdict> {
  const z = await zxcvbn();
  const checked = [...password].slice(0, CHECKED_CHARS).join('');
  const r = z.check(checked, userInputs.filter((w) => w.length >= 3));
  const only = r.sequence.length === 1 ? r.sequence[0] : undefined;
  return {
    score: r.score,
    isListedWord: only?.pattern === 'dictionary' && only.dictionaryName !== 'userInputs',
    usesPersonalData: r.sequence.some((m) => m.pattern === 'dictionary' && m.dictionaryName === 'userInputs'),
    warning: r.feedback.warning || null,
    suggestion: r.feedback.suggestions[0] ?? null,
  };
}
