// 特发事件: the kinds an owner can report and what to do right now for each (zh-CN). Which kind a message names is
// read by the recogniser's rule layer (src/nlu/emergency-rules.ts), the same one that decides it is an emergency.
import { emergencyRules } from '../nlu/emergency-rules.js';
import type { EmergencyKind } from '../nlu/labels.js';

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

export const EMERGENCY_LABEL: Record<EmergencyType, string> = {
  水管爆裂: '水管爆裂',
  '火情/烟味': '火情/烟味',
  电梯困人: '电梯困人',
  治安: '治安事件',
  燃气泄漏: '燃气泄漏',
  医疗急救: '医疗急救',
  其他紧急: '其他紧急情况',
};

/** Safety first: what the person should do before anyone arrives. */
export const SAFETY_ADVICE: Record<EmergencyType, string> = {
  水管爆裂:
    '请立即关闭户内总水阀（一般在厨房或卫生间水表旁），切断漏水区域的电源，把贵重物品移到高处，不要触碰泡水的电器。',
  '火情/烟味':
    '如有明火或浓烟，请立即拨打 119，用湿毛巾捂住口鼻，弯腰沿安全出口撤离，切勿乘坐电梯；只闻到烟味时请关闭燃气阀门、不要开关电器，开窗通风。',
  电梯困人:
    '请保持冷静，按下电梯内的警铃或对讲按钮，不要扒门、不要尝试自行爬出，留在轿厢内等待救援，救援人员正在赶来。',
  治安: '请先确保自身安全，远离危险人员，不要与其正面冲突；如情况紧急请立即拨打 110。',
  燃气泄漏:
    '请立即关闭燃气总阀，打开门窗通风，不要开关任何电器、不要打电话或点火（到室外再拨打电话），迅速离开并提醒邻居；燃气公司抢修电话或 119。',
  医疗急救: '请立即拨打 120；不要随意搬动摔伤或昏迷的人，保持其呼吸通畅，有人在旁陪护，并安排人到路口接救护车。',
  其他紧急: '请先确保自身和家人的安全，远离危险区域；危及生命时请立即拨打 120 / 119 / 110。',
};

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
  const exact = EMERGENCY_TYPES.find((t) => t === s || EMERGENCY_LABEL[t] === s);
  return exact ?? guessEmergencyType(s) ?? (/其他|其它/.test(s) ? '其他紧急' : null);
}

/** The reply an owner gets at once: advice and the emergency phone. */
export function emergencyAdviceText(type: EmergencyType, emergencyPhone: string): string {
  return `【${EMERGENCY_LABEL[type]}】${SAFETY_ADVICE[type]}\n物业紧急电话：${emergencyPhone}（24 小时）`;
}
