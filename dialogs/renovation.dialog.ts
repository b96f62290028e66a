// 装修 for owners: see my permits, ask for an extension ("延期两周", "到12月20号"; a date prompt when the phrase is
// not understood), announce stop-work / resumption, book the 退场验收 in a free slot, ask about the deposit refund.
// Every request goes to staff for a decision; the rules and their explanations live in the renovation service.
// This is the thin chooser: each action is its own small dialog (dialogs/renovation/), started with what was said.
// A first message that names the action ("装修许可要续一个月") skips the menu, and for an extension the same message
// is tried as the new end ("续一个月"): the question is asked only when it does not say one.
import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { senderOf } from '../src/identity/sender.js';
import { optionPrompt } from './prompts/option.prompt.js';
import { textsFor } from './dialog-deps.js';
import { t } from '../src/i18n/index.js';
import { freeText, understoodOf } from './understood.js';
import { ownerOf, type PermitFlowOptions, type RenovationDialogDeps } from './renovation/permit-flow.js';
import { RENOVATION_EXTEND_DIALOG, RenovationExtendDialog } from './renovation/extend.dialog.js';
import {
  RENOVATION_RESUME_DIALOG,
  RENOVATION_STOP_DIALOG,
  RenovationResumeDialog,
  RenovationStopDialog,
} from './renovation/work-state.dialog.js';
import {
  RENOVATION_DEPOSIT_DIALOG,
  RENOVATION_INSPECT_DIALOG,
  RenovationDepositDialog,
  RenovationInspectDialog,
} from './renovation/exit.dialog.js';

export type { RenovationDialogDeps } from './renovation/permit-flow.js';

export const RENOVATION_DIALOG = 'renovation';

/** What the dialog was started for; main dialog may skip the menu ("装修延期" → 'extend'). */
export const ACTIONS = ['list', 'extend', 'stop', 'resume', 'inspect', 'deposit'] as const;
export type RenovationAction = (typeof ACTIONS)[number];

/** The sub-flow of each action but 'list' (one message, answered here). */
const FLOW_OF: Record<Exclude<RenovationAction, 'list'>, string> = {
  extend: RENOVATION_EXTEND_DIALOG,
  stop: RENOVATION_STOP_DIALOG,
  resume: RENOVATION_RESUME_DIALOG,
  inspect: RENOVATION_INSPECT_DIALOG,
  deposit: RENOVATION_DEPOSIT_DIALOG,
};

const MENU = 'renovation.menu';

interface Values {
  /** The message that started the flow, when it may say the new end date ("续一个月"). */
  extensionText?: string;
}

/** The recogniser's sub-actions as this dialog names them. */
const ACTION_OF_SUB: Record<string, RenovationAction> = {
  list: 'list',
  extend: 'extend',
  stop: 'stop',
  resume: 'resume',
  exit: 'inspect',
  depositRefund: 'deposit',
};

export function pickRenovationAction(text: string): RenovationAction | null {
  const t = text.trim();
  const table: Array<[RegExp, RenovationAction]> = [
    [/^(1|我的装修.*|装修许可|查看.*)$/, 'list'],
    [/^(2|.*延期.*)$/, 'extend'],
    [/^(3|.*停工.*)$/, 'stop'],
    [/^(4|.*复工.*)$/, 'resume'],
    [/^(5|.*(退场|验收).*)$/, 'inspect'],
    [/^(6|.*(押金|退款).*)$/, 'deposit'],
  ];
  return table.find(([re]) => re.test(t))?.[1] ?? null;
}

export class RenovationDialog extends ComponentDialog {
  constructor(private readonly deps: RenovationDialogDeps) {
    super(RENOVATION_DIALOG);
    this.addDialog(
      optionPrompt(
        MENU,
        (text) => (ACTIONS as readonly string[]).includes(text) || pickRenovationAction(text) !== null,
        'renovation.noOption',
      ),
    );
    this.addDialog(new RenovationExtendDialog(deps));
    this.addDialog(new RenovationStopDialog(deps));
    this.addDialog(new RenovationResumeDialog(deps));
    this.addDialog(new RenovationInspectDialog(deps));
    this.addDialog(new RenovationDepositDialog(deps));
    this.addDialog(new WaterfallDialog('renovation.steps', [this.menu, this.route]));
    this.initialDialogId = 'renovation.steps';
  }

  private menu = async (step: WaterfallStepContext) => {
    const { estate } = ownerOf(step.context);
    const u = understoodOf(step.options);
    if (u?.sub === 'apply') {
      // No online 装修申报 yet (#20): say where it is done.
      const sender = senderOf(step.context);
      await step.context.sendActivity(t(sender.locale, 'renovation.applyReply', { deskPhone: estate.deskPhone }));
      return step.endDialog();
    }
    const preset =
      (step.options as { action?: RenovationAction } | undefined)?.action ??
      (u?.sub ? ACTION_OF_SUB[u.sub] : undefined);
    if (preset) {
      if (preset === 'extend') (step.values as Values).extensionText = freeText(u) ?? undefined;
      return step.next(preset);
    }
    return step.prompt(MENU, { prompt: textsFor(step.context)('renovation.menu') });
  };

  private route = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    const said = String(step.result);
    // The menu prompt accepts only an action, so this always finds one.
    const action = (ACTIONS as readonly string[]).includes(said)
      ? (said as RenovationAction)
      : (pickRenovationAction(said) ?? 'list');
    if (action !== 'list') {
      const options: PermitFlowOptions = v.extensionText ? { extensionText: v.extensionText } : {};
      return step.beginDialog(FLOW_OF[action], options);
    }
    const { personId, locale } = ownerOf(step.context);
    const svc = this.deps.renovation;
    const permits = await svc.permitsOf(personId);
    await step.context.sendActivity(
      permits.length > 0
        ? [t(locale, 'reno.listHeader'), ...(await svc.describePermits(permits, locale))].join('\n')
        : t(locale, 'reno.noPermits'),
    );
    return step.endDialog();
  };
}
