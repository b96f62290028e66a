// 特发事件: the kinds an owner can report and what to do right now for each (texts: src/i18n/*/complaints.ts). Which kind a message names is
// read by the recogniser's rule layer (src/nlu/emergency-rules.ts), the same one that decides it is an emergency.
import { emergencyRules } from '../nlu/emergency-rules.js';
import type { EmergencyKind } from '../nlu/labels.js';
import { t, type Locale } from '../i18n/index.js';

export const EMERGENCY_TYPES = [
  '水管爆裂',
  '火情/烟味',
  '电梯困人',
  '治安',
  '燃气泄漏',
  '医疗急救',
  '其他紧急',
] as const;
export type EmergencyType = (typeof EMERGENCY_TYPES)[number];

/** How the desk names each type (zh-CN: staff notices, the ticket's record). */
export const EMERGENCY_LABEL = Object.fromEntries(
  EMERGENCY_TYPES.map((type) => [type, t('zh-CN', `emergency.label.${type}`)]),
) as Record<EmergencyType, string>;

/** Safety first: what the person should do before anyone arrives (zh-CN; emergencyAdviceText in any language). */
export const SAFETY_ADVICE = Object.fromEntries(
  EMERGENCY_TYPES.map((type) => [type, t('zh-CN', `emergency.advice.${type}`)]),
) as Record<EmergencyType, string>;

/** A type as a menu offers it, in the reader's language. */
export const emergencyTypeName = (type: EmergencyType, locale: Locale = 'zh-CN'): string =>
  t(locale, `emergency.type.${type}`);

/** The recogniser's kinds as the desk files them. */
export const EMERGENCY_TYPE_OF_KIND: Record<EmergencyKind, EmergencyType> = {
  fire: '火情/烟味',
  gas: '燃气泄漏',
  water: '水管爆裂',
  lift: '电梯困人',
  security: '治安',
  medical: '医疗急救',
};

/** The kind a text obviously names (the recogniser's danger words), or null. */
export function guessEmergencyType(text: string): EmergencyType | null {
  const { kind } = emergencyRules(text);
  return kind ? EMERGENCY_TYPE_OF_KIND[kind] : null;
}

/** A type from a menu answer ("3", "电梯困人", "治安事件"), or null. */
export function parseEmergencyType(text: string): EmergencyType | null {
  const s = text.trim();
  const n = Number(s);
  if (Number.isInteger(n) && n >= 1 && n <= EMERGENCY_TYPES.length) return EMERGENCY_TYPES[n - 1] ?? null;
  const lower = s.toLowerCase();
  const exact = EMERGENCY_TYPES.find(
    (x) =>
      x === s ||
      EMERGENCY_LABEL[x] === s ||
      emergencyTypeName(x, 'en').toLowerCase() === lower ||
      t('en', `emergency.label.${x}`).toLowerCase() === lower,
  );
  return exact ?? guessEmergencyType(s) ?? (/其他|其它|^other/i.test(s) ? '其他紧急' : null);
}

/** The reply an owner gets at once: advice and the emergency phone, in their language. */
export function emergencyAdviceText(type: EmergencyType, emergencyPhone: string, locale: Locale = 'zh-CN'): string {
  return t(locale, 'emergency.advice', {
    label: t(locale, `emergency.label.${type}`),
    advice: t(locale, `emergency.advice.${type}`),
    phone: emergencyPhone,
  });
}
