/**
 * ISO 17442 Legal Entity Identifier: 18 letters or digits (the issuer's prefix and the entity part)
 * and 2 check digits, verified as in IBANs (ISO 7064 MOD 97-10): letters count as 10–35 and the whole
 * code read as one number leaves 1 when divided by 97. GLEIF publishes every LEI under CC0; Meridian
 * checks only the form, never looks one up.
 */
const leiShape = /^[A-Z0-9]{18}[0-9]{2}$/;

/** The code as a string of decimal digits, letters replaced by 10–35. */
function asDigits(code: string): string {
  let digits = '';
  for (const char of code) digits += char >= 'A' ? String(char.charCodeAt(0) - 55) : char;
  return digits;
}

/** Remainder of a long decimal string modulo 97, a few digits at a time (the number exceeds 2^53). */
function mod97(digits: string): number {
  let remainder = 0;
  for (let i = 0; i < digits.length; i += 7) remainder = Number(`${remainder}${digits.slice(i, i + 7)}`) % 97;
  return remainder;
}

/** Upper case with spaces removed: what staff copy from a register is often grouped in fours. */
export function normaliseLei(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/** True for a well-formed LEI whose check digits are right (already normalised). */
export function isValidLei(code: string): boolean {
  return leiShape.test(code) && mod97(asDigits(code)) === 1;
}

/** The two check digits that complete an 18-character LEI body. */
export function leiCheckDigits(body: string): string {
  return String(98 - mod97(asDigits(`${body}00`))).padStart(2, '0');
}
