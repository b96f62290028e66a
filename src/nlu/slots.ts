// Slots read from the same message by rules: the unit address (the binding parser), a mobile number and the name
// next to it ("让王师傅 13900001111 来取"). Dates and times are read by the flows that take one (src/nlu/when.ts):
// the date-time recognizer costs 10–40 ms a message, far over the recogniser's budget.
import { parseUnitAddress, type UnitAddress } from '../identity/address.parser.js';

export interface Slots {
  unit: UnitAddress | null;
  phone: string | null;
  name: string | null;
}

const PHONE = /(?<!\d)(1[3-9]\d(?:[\s-]?\d){8})(?!\d)/;
// A 2–4 character name right before the number, after a word that introduces a person.
const NAME_BEFORE_PHONE =
  /(?:让|叫|请|授权给?|委托|给|由|是|朋友|师傅|家人|亲戚|阿姨)?\s*([\p{Script=Han}]{2,4}?)\s*[，,:：]?\s*(?:电话|手机|手机号)?[:：]?\s*1[3-9]\d/u;
const NOT_A_NAME = /^(电话|手机|手机号|号码|联系|本人|业主|我的|我是|授权|帮我|麻烦)$/;

export function readSlots(text: string): Slots {
  const phoneMatch = PHONE.exec(text);
  const phone = phoneMatch?.[1]?.replace(/\D/g, '') ?? null;
  let name: string | null = null;
  if (phoneMatch) {
    const before = text.slice(Math.max(0, phoneMatch.index - 12), phoneMatch.index + 3);
    const m = NAME_BEFORE_PHONE.exec(before);
    const candidate = m?.[1]?.replace(/^(让|叫|请|给|由|是)/, '') ?? '';
    if (candidate.length >= 2 && !NOT_A_NAME.test(candidate)) name = candidate;
  }
  // A phone number is not an address ("3-2-1201" is, "13812345678" is not).
  const unit = parseUnitAddress(phoneMatch ? text.replace(phoneMatch[0], ' ') : text);
  return { unit, phone, name };
}
