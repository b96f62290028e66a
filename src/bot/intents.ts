// Words an owner uses for each main-menu flow. Free text ("楼上装修太吵了") goes straight to the flow it names.
export type Intent =
  | 'emergency'
  | 'complaint'
  | 'renovation'
  | 'keys'
  | 'fees'
  | 'help'
  | 'handoff'
  | 'bind'
  | 'unbind'
  | 'myInfo'
  | 'household'
  | 'staffBind';

/** Flows that show or change personal data: only for an account bound to at least one unit. */
export const PERSONAL_INTENTS = ['complaint', 'renovation', 'keys', 'fees', 'household'] as const;
export type PersonalIntent = (typeof PERSONAL_INTENTS)[number];

export function isPersonalIntent(intent: Intent | string): intent is PersonalIntent {
  return (PERSONAL_INTENTS as readonly string[]).includes(intent);
}

/** The switch for fee reminders (every 催缴 message tells the owner to reply 不再提醒). */
export const FEE_OPT_OUT = /不再提醒|别再提醒|不要再提醒|退订提醒/;
export const FEE_OPT_IN = /恢复提醒|重新提醒|开启提醒/;

const RULES: Array<[Intent, RegExp]> = [
  // 特发事件 first: "电梯困人" must not become a 公共设施 complaint, nor wait for a binding.
  [
    'emergency',
    /紧急|特发事件|着火|失火|火灾|火情|冒烟|烟味|困在电梯|电梯困人|被困电梯|电梯里出不来|关在电梯|水管爆|爆管|跑水|治安|小偷|打架|^emergency$/i,
  ],
  ['handoff', /转人工|人工客服|人工服务|^人工$|找客服|^talk to staff$/i],
  // Account words come first: "解除绑定" is not "绑定", "员工绑定 123" is not "绑定".
  ['staffBind', /^员工绑定(\s|$)/],
  ['unbind', /^(解绑|解除绑定|取消绑定|删除绑定)/],
  ['bind', /^(绑定|绑定房屋|房屋绑定|认证|业主认证|bind)$/i],
  ['myInfo', /^(我的信息|个人信息|我的资料|身份)$/],
  ['household', /^(家人|家庭成员|成员管理|添加家人|租户|家属)$/],
  ['help', /^(帮助|帮忙|菜单|功能|help|\?|？)$/i],
  ['complaint', /投诉|报事|举报|反映问题|^complaint$/i],
  ['renovation', /装修|延期|停工|复工|退场|验收|^renovation$/i],
  ['keys', /钥匙|^keys?$/i],
  ['fees', /物业费|管理费|缴费|交费|欠费|账单|费用|^property fees$/i],
  ['fees', new RegExp(`${FEE_OPT_OUT.source}|${FEE_OPT_IN.source}`)],
];

export function matchIntent(text: string | undefined | null): Intent | null {
  const s = (text ?? '').trim();
  if (!s) return null;
  for (const [intent, re] of RULES) if (re.test(s)) return intent;
  return null;
}

/** Interruptions work at any step; they match whole messages only, so "帮助我投诉漏水" is not "帮助". */
export type Interruption = 'cancel' | 'help' | 'handoff';

export function matchInterruption(text: string | undefined | null): Interruption | null {
  const s = (text ?? '')
    .trim()
    .replace(/[。！!.，,\s]+$/u, '')
    .toLowerCase();
  if (/^(取消|退出|算了|不办了|结束|cancel|quit)$/.test(s)) return 'cancel';
  if (/^(帮助|help|\?|？)$/.test(s)) return 'help';
  if (/^(转人工|人工|人工客服|人工服务|talk to staff)$/.test(s)) return 'handoff';
  return null;
}
