/**
 * A National Provider Identifier is 10 digits whose last is a Luhn check digit
 * computed over the prefix 80840 followed by the first nine digits (CMS, "NPI:
 * Check Digit", ISO/IEC 7812). 80840 contributes a constant 24 to the sum.
 */
export function isValidNpi(npi: string): boolean {
  if (!/^\d{10}$/.test(npi)) return false;
  const digits = `80840${npi}`.split('').map(Number);
  let sum = 0;
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let d = digits[i]!;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
