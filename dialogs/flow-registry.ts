// The flow registry: every flow an owner can reach, in one place. The main menu, the 帮助 text, routing (exact
// command words and recognised intents), the binding gate and the recogniser's label set all derive from it, so
// adding a flow (报修, 公告, 访客…) is one entry here plus its corpus file in data/nlu/.
import type { Choice, Dialog } from 'botbuilder-dialogs';
import type { MessageKey, Translate } from '../src/i18n/index.js';
import { CONVERSATIONAL_INTENTS, type Intent } from '../src/nlu/labels.js';
import { FEE_OPT_IN, FEE_OPT_OUT } from '../src/bot/intents.js';
import { BINDING_DIALOG, BindingDialog } from './binding.dialog.js';
import { COMPLAINT_DIALOG, ComplaintDialog } from './complaint.dialog.js';
import type { DialogDeps } from './dialog-deps.js';
import { imBackChoice } from './prompts/guarded-choice.prompt.js';
import { EMERGENCY_DIALOG, EmergencyDialog } from './emergency.dialog.js';
import { FEES_DIALOG, FeesDialog } from './fees.dialog.js';
import { HANDOFF_DIALOG, HandoffDialog } from './handoff.dialog.js';
import { HOUSEHOLD_DIALOG, HouseholdDialog } from './household.dialog.js';
import { InfoAnswerDialog } from './info-answer.dialog.js';
import { KEYS_DIALOG, KeysDialog } from './keys.dialog.js';
import { MY_COMPLAINTS_DIALOG, MyComplaintsDialog } from './my-complaints.dialog.js';
import { MY_INFO_DIALOG, MyInfoDialog, UNBIND_DIALOG, UnbindDialog } from './my-info.dialog.js';
import { RENOVATION_DIALOG, RenovationDialog } from './renovation.dialog.js';
import { REPAIR_DIALOG, RepairDialog } from './repair.dialog.js';
import { RENOVATION_APPLY_DIALOG, RenovationApplyDialog } from './renovation-apply.dialog.js';
import { VISITOR_DIALOG, VisitorDialog } from './visitor.dialog.js';
import { CONTRACTOR_PASS_DIALOG, ContractorPassDialog } from './contractor-pass.dialog.js';
import { ACCESS_CARD_DIALOG, AccessCardDialog } from './access-card.dialog.js';
import { DESK_APPOINTMENT_DIALOG, DeskAppointmentDialog } from './desk-appointment.dialog.js';

/**
 * Flows reached by their command words only (the recogniser has no label of their own yet): their key in this
 * registry. A recognised sub label can still lead to one (`subFlows`, e.g. renovation/apply → 装修申报).
 */
export const COMMAND_FLOW_KEYS = [
  'renovationApply',
  'visitor',
  'contractorPass',
  'accessCard',
  'deskAppointment',
] as const;
export type CommandFlowKey = (typeof COMMAND_FLOW_KEYS)[number];

export function isCommandFlowKey(key: string): key is CommandFlowKey {
  return (COMMAND_FLOW_KEYS as readonly string[]).includes(key);
}
import { SuggestionDialog } from './suggestion.dialog.js';

export interface Flow {
  /** The recogniser's intent this flow answers (or its key, for a flow reached by command words only). */
  intent: Intent | CommandFlowKey;
  dialogId: string;
  create(deps: DialogDeps): Dialog;
  /** Personal data: only for an account bound to at least one unit (others bind first, then continue). */
  needsBoundUnit: boolean;
  /** Its main-menu button (menu order = registry order). */
  menu?: MessageKey;
  /** Its line in 帮助. */
  help?: MessageKey;
  /** Exact command words (whole message) and the sub label each means. */
  commands?: ReadonlyArray<readonly [RegExp, string | null]>;
  /** The flow says what it understood itself (otherwise main says "好的，为您…"). */
  announces?: boolean;
  /** A recognised sub label that another registered flow handles (sub label → that flow's `intent`). */
  subFlows?: Readonly<Record<string, CommandFlowKey>>;
}

export const FLOWS: readonly Flow[] = [
  {
    intent: 'complaint',
    dialogId: COMPLAINT_DIALOG,
    create: (d) => new ComplaintDialog(d),
    needsBoundUnit: true,
    menu: 'menu.complaint',
    help: 'help.complaint',
    commands: [[/^(投诉|我要投诉|报事|complaint|complain|file a complaint)$/i, null]],
    announces: true,
  },
  {
    intent: 'renovation',
    dialogId: RENOVATION_DIALOG,
    create: (d) => new RenovationDialog(d),
    needsBoundUnit: true,
    menu: 'menu.renovation',
    help: 'help.renovation',
    commands: [[/^(装修|renovation)$/i, null]],
    subFlows: { apply: 'renovationApply' },
  },
  {
    intent: 'renovationApply',
    dialogId: RENOVATION_APPLY_DIALOG,
    create: (d) => new RenovationApplyDialog({ renovation: d.renovation, now: d.now }),
    needsBoundUnit: true,
    commands: [[/^(装修申报|申报装修|装修申请|申请装修|办理装修|renovation application|apply for renovation)$/i, null]],
    announces: true,
  },
  {
    intent: 'keys',
    dialogId: KEYS_DIALOG,
    create: (d) => new KeysDialog(d),
    needsBoundUnit: true,
    menu: 'menu.keys',
    help: 'help.keys',
    commands: [[/^(钥匙|keys?)$/i, null]],
  },
  {
    intent: 'visitor',
    dialogId: VISITOR_DIALOG,
    create: (d) => new VisitorDialog(d.visitors),
    needsBoundUnit: true,
    commands: [[/^(访客|访客登记|来访登记|登记访客|预约访客|visitor|register a visitor)$/i, null]],
    announces: true,
  },
  {
    intent: 'contractorPass',
    dialogId: CONTRACTOR_PASS_DIALOG,
    create: (d) => new ContractorPassDialog({ passes: d.passes }),
    needsBoundUnit: true,
    commands: [[/^(出入证|办出入证|施工出入证|装修出入证|contractor pass)$/i, null]],
    announces: true,
  },
  {
    intent: 'accessCard',
    dialogId: ACCESS_CARD_DIALOG,
    create: (d) => new AccessCardDialog(d.complaints),
    needsBoundUnit: true,
    commands: [
      [/^(办卡|办门禁卡|新办门禁卡)$/, 'new'],
      [/^(补卡|补办门禁卡|门禁卡补办|门禁卡丢了)$/, 'replace'],
      [/^(退卡|退门禁卡)$/, 'return'],
      [/^(门禁卡|access card)$/i, null],
    ],
    announces: true,
  },
  {
    // #20: 转名 / 退楼 / 入住 booked on the key desk's calendar and seats, with the document checklist.
    intent: 'deskAppointment',
    dialogId: DESK_APPOINTMENT_DIALOG,
    create: (d) => new DeskAppointmentDialog(d),
    needsBoundUnit: true,
    commands: [
      [/^(转名|过户|办理转名|办理过户|预约转名|预约过户|transfer of ownership)$/i, 'TRANSFER'],
      [/^(退楼|办理退楼|预约退楼|move out)$/i, 'MOVE_OUT'],
      [/^(入住|收楼|办理入住|办理收楼|预约入住|预约收楼|move in)$/i, 'MOVE_IN'],
    ],
    announces: true,
  },
  {
    intent: 'fees',
    dialogId: FEES_DIALOG,
    create: (d) => new FeesDialog(d),
    needsBoundUnit: true,
    menu: 'menu.fees',
    help: 'help.fees',
    commands: [
      [/^(物业费|管理费|缴费|交费|property fees|fees)$/i, 'balance'],
      // The words every 催缴 reminder tells the owner to reply.
      [new RegExp(`^(${FEE_OPT_OUT.source})$`), 'stopReminders'],
      [new RegExp(`^(${FEE_OPT_IN.source})$`), 'resumeReminders'],
    ],
  },
  {
    intent: 'myComplaints',
    dialogId: MY_COMPLAINTS_DIALOG,
    create: (d) => new MyComplaintsDialog(d),
    needsBoundUnit: true,
    commands: [[/^(我的投诉|投诉进度|查投诉|my complaints)$/i, 'status']],
    announces: true,
  },
  {
    intent: 'repair',
    dialogId: REPAIR_DIALOG,
    create: (d) => new RepairDialog(d),
    needsBoundUnit: true,
    commands: [[/^(报修|我要报修|维修|repair)$/i, null]],
    announces: true,
  },
  {
    intent: 'suggestion',
    dialogId: 'suggestion',
    // #20: the owner's suggestion gets a number, supervisors list and answer it (答复建议), the answer comes back here.
    create: (d) => new SuggestionDialog(d),
    needsBoundUnit: false,
    commands: [[/^(建议|提建议|我有建议|suggestion)$/i, null]],
    announces: true,
  },
  {
    intent: 'household',
    dialogId: HOUSEHOLD_DIALOG,
    create: (d) => new HouseholdDialog(d.binding),
    needsBoundUnit: true,
    commands: [[/^(家人|家庭成员|成员管理|添加家人|租户|家属|family)$/i, null]],
  },
  {
    intent: 'bind',
    dialogId: BINDING_DIALOG,
    create: (d) => new BindingDialog(d.binding),
    needsBoundUnit: false,
    commands: [[/^(绑定|绑定房屋|房屋绑定|认证|业主认证|bind)$/i, null]],
    announces: true,
  },
  {
    intent: 'unbind',
    dialogId: UNBIND_DIALOG,
    create: (d) => new UnbindDialog(d.binding),
    needsBoundUnit: false,
    commands: [[/^(解绑|解除绑定|取消绑定|删除绑定|unbind)$/i, null]],
    announces: true,
  },
  {
    intent: 'myInfo',
    dialogId: MY_INFO_DIALOG,
    create: (d) => new MyInfoDialog(d.binding),
    needsBoundUnit: false,
    commands: [[/^(我的信息|个人信息|我的资料|身份|my info)$/i, null]],
    announces: true,
  },
  {
    intent: 'handoff',
    dialogId: HANDOFF_DIALOG,
    create: (d) => new HandoffDialog(d),
    needsBoundUnit: false,
    commands: [[/^(转人工|人工客服|人工服务|人工|找客服|talk to staff)$/i, null]],
    announces: true,
  },
  {
    // No binding gate: nobody stuck in a lift should have to bind a flat first.
    intent: 'emergency',
    dialogId: EMERGENCY_DIALOG,
    create: (d) => new EmergencyDialog(d),
    needsBoundUnit: false,
    commands: [[/^(紧急|特发事件|emergency)$/i, null]],
    announces: true,
  },
];

export const HELP_COMMAND = /^(帮助|帮忙|菜单|功能|help|menu|\?|？)$/i;

/** The labels the recogniser may answer with: every registered flow's intent and the conversational ones. */
export const RECOGNISED_INTENTS: readonly string[] = [
  ...FLOWS.flatMap((f) => (isCommandFlowKey(f.intent) ? [] : [f.intent])),
  ...CONVERSATIONAL_INTENTS,
];

export function flowOf(intent: string): Flow | undefined {
  return FLOWS.find((f) => f.intent === intent);
}

/** The flow that handles this sub label of `flow` (renovation/apply → 装修申报), or `flow` itself. */
export function flowForSub(flow: Flow, sub: string | null): Flow {
  const key = sub ? flow.subFlows?.[sub] : undefined;
  return (key && flowOf(key)) || flow;
}

/** Trailing punctuation and spaces do not change a command ("投诉。", "钥匙 "). */
const bare = (text: string) =>
  text
    .trim()
    .replace(/[。！!.，,？?~～\s]+$/u, '')
    .normalize('NFKC');

/** The flow and sub label an exact command word names, or null. */
export function matchCommand(text: string): { flow: Flow; sub: string | null } | null {
  const s = bare(text);
  if (!s) return null;
  for (const flow of FLOWS) for (const [re, sub] of flow.commands ?? []) if (re.test(s)) return { flow, sub };
  return null;
}

/** "help!" / "HELP!!!" is a cry for help, not the 帮助 command: the recogniser's emergency layer answers it. */
const SHOUTED_HELP = /^\s*help\s*[!！]+\s*$/i;

export function isHelpCommand(text: string): boolean {
  return HELP_COMMAND.test(bare(text)) && !SHOUTED_HELP.test(text.normalize('NFKC'));
}

/** The main menu's buttons: the flows with a menu entry, then 帮助. */
export function menuChoices(tr: Translate): Choice[] {
  const items: Array<[string, MessageKey]> = [
    ...FLOWS.flatMap((f) => (f.menu ? [[f.intent, f.menu] as [string, MessageKey]] : [])),
    ['help', 'menu.help'],
  ];
  return items.map(([value, key]) => imBackChoice(value, tr(key)));
}

/** 帮助: one line per flow that has one, then what works at any time. */
export function helpText(
  tr: Translate,
  phones: { deskPhone: string; emergencyPhone: string },
  otherLanguage: string,
): string {
  const lines = FLOWS.flatMap((f) => (f.help ? [tr(f.help)] : []));
  return [tr('help.head'), ...lines, '', tr('help.foot', { ...phones, otherLanguage })].join('\n');
}
