// A catalogue text split once at its `{name}` placeholders, for texts filled 100k times in a loop (催缴 reminders):
// t() runs a regex replace with a callback on every call, this only concatenates. Same result as t() for the same
// params, unknown placeholders included (they stay visible).
import { t, type Locale, type MessageKey, type Params } from './index.js';

export type FillText = (params: Params) => string;

const compiled = new Map<string, FillText>();

/** The text of `key` as a function of its params; `fixed` params are filled in once (e.g. the estate's name). */
export function textTemplate(locale: Locale, key: MessageKey, fixed: Params = {}): FillText {
  const cacheKey = `${locale}\u0000${key}\u0000${JSON.stringify(fixed)}`;
  let fill = compiled.get(cacheKey);
  if (fill) return fill;
  const literals: string[] = [];
  const names: string[] = [];
  const re = /\{(\w+)\}/g;
  const text = t(locale, key); // no params: the raw text, every placeholder still in it
  let literal = '';
  let at = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    literal += text.slice(at, m.index);
    const name = m[1]!;
    // A fixed value goes into the literal as-is (t() does not look for placeholders inside values either).
    if (name in fixed) literal += String(fixed[name]);
    else {
      literals.push(literal);
      names.push(name);
      literal = '';
    }
    at = m.index + m[0].length;
  }
  literals.push(literal + text.slice(at));
  const n = names.length;
  fill = (params) => {
    let s = literals[0]!;
    for (let i = 0; i < n; i++) {
      const name = names[i]!;
      s += (name in params ? String(params[name]) : `{${name}}`) + literals[i + 1]!;
    }
    return s;
  };
  compiled.set(cacheKey, fill);
  return fill;
}
