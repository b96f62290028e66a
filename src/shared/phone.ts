// PIPL: a mainland mobile number never leaves the bot whole towards staff or logs: 13812345678 → 138****5678.
const MOBILE = /(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)/g;

export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

/** Masks every mobile number found inside free text (messages, log lines, error stacks). */
export function maskPhonesInText(text: string): string {
  return text.replace(MOBILE, '$1****$3');
}

export function containsUnmaskedPhone(text: string): boolean {
  MOBILE.lastIndex = 0;
  const found = MOBILE.test(text);
  MOBILE.lastIndex = 0;
  return found;
}
