// Pure readers for the numbers owners type in chat: ASCII or full-width digits and Chinese numerals.

const ZH_DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

const ZH_UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/** Character class (for regexes elsewhere) of everything a Chinese numeral up to 9999 is written with. */
export const ZH_NUMERAL_CHARS = '零〇一二两三四五六七八九十百千';

/**
 * Full-width digits and letters → ASCII, and the full-width punctuation seen in addresses and dates
 * (－ ／ ＃ ． ideographic space). Phone IMEs often emit these; nothing else is touched.
 */
export function normalizeDigits(text: string): string {
  return text.replace(/[０-９Ａ-Ｚａ-ｚ－／＃．\u3000]/g, (ch) => {
    if (ch === '\u3000') return ' ';
    return String.fromCharCode(ch.charCodeAt(0) - 0xfee0);
  });
}

/** Reads a bare Chinese numeral ("十二", "一百零五", "两千三", "二〇二六"); null when malformed. */
function zhNumeralToInt(s: string): number | null {
  if (s.length === 0) return null;
  if (s === '零' || s === '〇') return 0;
  const chars = [...s];
  // A run of digit characters with no units is read positionally ("二〇二六" → 2026, "一二零一" → 1201).
  if (chars.length > 1 && chars.every((c) => c in ZH_DIGITS && c !== '两')) {
    return Number(chars.map((c) => String(ZH_DIGITS[c])).join(''));
  }
  let total = 0;
  let digit: number | null = null;
  let lastUnit = Number.POSITIVE_INFINITY;
  let zeroSince = false; // a 零 since the last unit: "一百零五" is 105, whereas "一百五" is 150
  let first = true;
  for (const c of chars) {
    const d = ZH_DIGITS[c];
    const u = ZH_UNITS[c];
    if (d !== undefined) {
      if (digit !== null) return null; // two digits in a row inside a unit numeral
      if (d === 0) {
        if (first || zeroSince) return null;
        zeroSince = true;
      } else {
        digit = d;
      }
    } else if (u !== undefined) {
      if (u >= lastUnit) return null;
      // "十二" is 12: a leading 十 (or one right after 零, as in "一百零十") counts as 一十.
      const mult = digit ?? (u === 10 && (first || zeroSince) ? 1 : null);
      if (mult === null) return null;
      total += mult * u;
      lastUnit = u;
      digit = null;
      zeroSince = false;
    } else {
      return null;
    }
    first = false;
  }
  if (digit !== null) {
    // Colloquial "一百五" / "两千三": a trailing digit right after a unit is worth a tenth of that unit.
    total += lastUnit !== Number.POSITIVE_INFINITY && !zeroSince && lastUnit > 10 ? digit * (lastUnit / 10) : digit;
  } else if (zeroSince) {
    return null; // a trailing 零 ("一百零") is malformed
  }
  return total;
}

/**
 * A non-negative integer written in digits (ASCII or full-width) or Chinese numerals, optionally wrapped as an ordinal
 * or count ("第三个", "第2个", "两个"). null for anything else.
 */
export function parseZhInt(text: string): number | null {
  const t = normalizeDigits(text).trim();
  const m = /^第?\s*([0-9]+|[零〇一二两三四五六七八九十百千]+)\s*个?$/.exec(t);
  const body = m?.[1];
  if (body === undefined) return null;
  if (/^[0-9]+$/.test(body)) return Number(body);
  return zhNumeralToInt(body);
}

/**
 * The reply to a numbered text menu (WeChat has no buttons): "1", "２", "一", "第二个", "选3", "选第3项" → 0-based index,
 * or null when it is not a number or out of 1..optionCount.
 */
export function pickMenuIndex(text: string, optionCount: number): number | null {
  const t = normalizeDigits(text)
    .trim()
    .replace(/[。.!！、,，\s]+$/u, '');
  const m = /^(?:我)?(?:选择|选|要)?\s*(第?\s*(?:[0-9]+|[零〇一二两三四五六七八九十百千]+))\s*(?:个|项|条|号)?$/.exec(
    t,
  );
  const body = m?.[1];
  if (body === undefined) return null;
  const n = parseZhInt(body);
  if (n === null || n < 1 || n > optionCount) return null;
  return n - 1;
}
