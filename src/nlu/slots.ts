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
// The Han characters right before the number ("让王师傅 139…", "添加授权人王芳139…"), less the words that introduce a
// person; a long run keeps its last three characters ("装修师傅李师傅" → 李师傅).
const HAN_BEFORE_PHONE = /([\p{Script=Han}]{2,12})\s*[，,:：]?\s*(?:电话|手机号?|号码)?\s*[:：]?\s*$/u;
const INTRODUCER = /^.*(授权人|授权给|授权|添加|委托|朋友|家人|亲戚|让|叫|请|给|由|是)/u;
const NOT_A_NAME = /^(电话|手机|手机号|号码|联系|本人|业主|我的|我是|帮我|麻烦|我)$/;

export function readSlots(text: string): Slots {
  const phoneMatch = PHONE.exec(text);
  const phone = phoneMatch?.[1]?.replace(/\D/g, '') ?? null;
  let name: string | null = null;
  if (phoneMatch) {
    const run = HAN_BEFORE_PHONE.exec(text.slice(0, phoneMatch.index))?.[1] ?? '';
    let candidate = run.replace(INTRODUCER, '').replace(/的?(电话|手机号?|号码|联系方式)$/u, '');
    if (candidate.length > 4) candidate = candidate.slice(-3);
    if (candidate.length >= 2 && !NOT_A_NAME.test(candidate)) name = candidate;
  }
  // A phone number is not an address ("3-2-1201" is, "13812345678" is not).
  const unit = parseUnitAddress(phoneMatch ? text.replace(phoneMatch[0], ' ') : text);
  return { unit, phone, name };
}
