// ID-card and bank-card numbers are masked like phones wherever staff or logs see them (maskPhonesInText).
import { describe, expect, it } from 'vitest';
import { containsUnmaskedCardNumber, maskPhonesInText } from '../../src/shared/phone.js';

describe('ID-card and bank-card masking', () => {
  it('masks 18-character ID numbers (last may be X), keeping the first 3 and last 4', () => {
    expect(maskPhonesInText('身份证110101199003071234，另一个11010119900307123x')).toBe(
      '身份证110***********1234，另一个110***********123x',
    );
  });

  it('masks 16–19 digit bank cards, also typed in groups, keeping the first 4 and last 4', () => {
    expect(maskPhonesInText('卡号6222021234567890128')).toBe('卡号6222***********0128');
    expect(maskPhonesInText('卡号 6222 0212 3456 7894 谢谢')).toBe('卡号 6222********7894 谢谢');
    expect(maskPhonesInText('4111-1111-1111-1111')).toBe('4111********1111');
  });

  it('leaves what is not a card alone: ticket numbers, amounts, dates, short or over-long digit runs', () => {
    for (const s of [
      'TS-20261128-0007',
      '¥1234567.89',
      '2026-11-28 10:00',
      '123456789012345',
      '12345678901234567890123',
    ])
      expect(maskPhonesInText(s)).toBe(s);
  });

  it('masks phones next to cards, and says when text still holds a card number', () => {
    expect(maskPhonesInText('13812345678 / 110101199003071234')).toBe('138****5678 / 110***********1234');
    expect(containsUnmaskedCardNumber('6222021234567890128')).toBe(true);
    expect(containsUnmaskedCardNumber(maskPhonesInText('6222021234567890128'))).toBe(false);
  });
});
