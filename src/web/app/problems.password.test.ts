import { describe, expect, it } from 'vitest';
import { PASSWORD_HINTS } from '../../shared/reasons';
import { translator } from './i18n/catalog';
import { en } from './i18n/en';
import { es } from './i18n/es';
import { passwordMessage } from './problems';

describe("issue 11: a password too easy to guess is refused with zxcvbn's suggestion, in the reader's language", () => {
  it('adds the suggestion to the refusal in English and Spanish', () => {
    const issue = { field: 'password', message: 'is too common or too easy to guess; add more words that are less common', reason: 'password_too_common', hint: 'anotherWord' } as const;
    expect(passwordMessage(issue, translator(en))).toBe('This password is too common. Choose a longer phrase of your own. Add more words that are less common.');
    expect(passwordMessage(issue, translator(es))).toBe(`${es['console.password.tooCommon']} Añada más palabras que sean menos comunes.`);
  });

  it('has words for every hint in both languages, and none without a hint', () => {
    for (const hint of PASSWORD_HINTS) {
      for (const catalog of [en, es]) {
        const words = passwordMessage({ field: 'password', message: 'x', reason: 'password_too_common', hint }, translator(catalog));
        expect(words, hint).not.toContain('password.hint');
        expect(words.length, hint).toBeGreaterThan(catalog['console.password.tooCommon'].length + 5);
      }
    }
    expect(passwordMessage({ field: 'password', message: 'x', reason: 'password_too_common' }, translator(es))).toBe(es['console.password.tooCommon']);
  });
});
