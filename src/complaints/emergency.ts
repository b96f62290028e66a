// 特发事件: the five kinds an owner can report, what to do right now for each (zh-CN), and the words that name them.
export const EMERGENCY_TYPES = ['水管爆裂', '火情/烟味', '电梯困人', '治安', '其他紧急'] as const;
export type EmergencyType = (typeof EMERGENCY_TYPES)[number];

export const EMERGENCY_LABEL: Record<EmergencyType, string> = {
  水管爆裂: '水管爆裂',
  '火情/烟味': '火情/烟味',
  电梯困人: '电梯困人',
  治安: '治安事件',
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
  其他紧急: '请先确保自身和家人的安全，远离危险区域；危及生命时请立即拨打 120 / 119 / 110。',
};

const WORDS: Array<[EmergencyType, RegExp]> = [
  ['电梯困人', /困在电梯|电梯困人|电梯里出不来|关在电梯|电梯被困|被困电梯/],
  ['火情/烟味', /着火|失火|火灾|火情|冒烟|烟味|起火|浓烟/],
  ['水管爆裂', /水管爆|爆管|水管爆裂|水管破|水漫|淹水|跑水/],
  ['治安', /治安|小偷|盗窃|打架|斗殴|持刀|入室|可疑人员/],
];

/** The kind a text obviously names, or null. */
export function guessEmergencyType(text: string): EmergencyType | null {
  for (const [type, re] of WORDS) if (re.test(text)) return type;
  return null;
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
