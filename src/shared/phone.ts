// PIPL: a mainland mobile number never leaves the bot whole towards staff or logs: 13812345678 → 138****5678.
const MOBILE = /(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)/g;

export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

// Resident ID (居民身份证) numbers: 18 characters, the last a digit or X. Kept: the first 3 and last 4 (never the
// birth date in the middle).
const ID_CARD = /(?<![\dA-Za-z])(\d{3})\d{11}(\d{3}[\dXx])(?![\dA-Za-z])/g;
// Bank card numbers: 16–19 digits, often typed in groups of 4 ("6222 0212 3456 7890"), that pass the Luhn check
// every issued card number passes (so a 19-digit order number is left alone 9 times in 10). Kept: first 4 and last 4.
const BANK_CARD = /(?<![\d*])\d(?:[ -]?\d){15,18}(?![\d*])/g;

export function maskIdCard(id: string): string {
  return id.replace(ID_CARD, '$1***********$2');
}

/** The Luhn (mod 10) checksum of card numbers. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

function maskCardDigits(run: string): string {
  const digits = run.replace(/\D/g, '');
  if (!luhnValid(digits)) return run;
  return `${digits.slice(0, 4)}${'*'.repeat(digits.length - 8)}${digits.slice(-4)}`;
}

/**
 * Masks every mobile, ID-card and bank-card number found inside free text (messages to staff, log lines, error
 * stacks). The name is historical: it masks all three.
 */
export function maskPhonesInText(text: string): string {
  return text.replace(ID_CARD, '$1***********$2').replace(BANK_CARD, maskCardDigits).replace(MOBILE, '$1****$3');
}

/** True when the text still holds a whole ID-card or bank-card number. */
export function containsUnmaskedCardNumber(text: string): boolean {
  ID_CARD.lastIndex = 0;
  BANK_CARD.lastIndex = 0;
  const found = ID_CARD.test(text) || [...text.matchAll(BANK_CARD)].some((m) => luhnValid(m[0].replace(/\D/g, '')));
  ID_CARD.lastIndex = 0;
  BANK_CARD.lastIndex = 0;
  return found;
}

export function containsUnmaskedPhone(text: string): boolean {
  MOBILE.lastIndex = 0;
  const found = MOBILE.test(text);
  MOBILE.lastIndex = 0;
  return found;
}
