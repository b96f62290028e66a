// 钥匙留置·借取 for owners: book a deposit, book a pickup (self or an authorised person), see, reschedule or cancel
// bookings, manage authorised persons. A first message that names the action ("想办钥匙寄存") skips the menu, and a
// time in it ("周六下午来存钥匙") skips the time question. Times as owners say them (src/nlu/when.ts): a weekday is
// the next such day; "四点半" is today if still ahead, else tomorrow, and the booking says which; a day or part of a
// day without a time offers its first free slots as buttons (never the lunch break). Refusals (lunch break, holiday,
// full, past) say why and ask again.
// This is the thin chooser: each action is its own small dialog (dialogs/keys/), started with what was said.
import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { senderOf } from '../src/identity/sender.js';
import type { Translate } from '../src/i18n/index.js';
import { kindLabel, type OwnerUnit } from '../src/keys/key.service.js';
import { formatLocal } from '../src/shared/zoned-time.js';
import { understoodOf } from './understood.js';
import { optionPrompt } from './prompts/option.prompt.js';
import { textsFor } from './dialog-deps.js';
import { authorisedPeople, ownerOf, type KeysDialogDeps } from './keys/key-flow.js';
import { KEY_DEPOSIT_DIALOG, KeyDepositDialog } from './keys/deposit.dialog.js';
import { KEY_PICKUP_DIALOG, KeyPickupDialog } from './keys/pickup.dialog.js';
import { KEY_AUTHORISE_DIALOG, KeyAuthoriseDialog } from './keys/authorise.dialog.js';
import {
  KEY_CANCEL_DIALOG,
  KEY_RESCHEDULE_DIALOG,
  KeyCancelDialog,
  KeyRescheduleDialog,
} from './keys/booking.dialog.js';

export type { KeysDialogDeps } from './keys/key-flow.js';
export { withNextWeek } from './keys/key-flow.js';

export const KEYS_DIALOG = 'keys';

const MENU = 'keys.menu';

/** The actions of the menu, as the recogniser names them. */
const ACTIONS = ['deposit', 'pickup', 'list', 'reschedule', 'cancel', 'authorise'] as const;
type KeyAction = (typeof ACTIONS)[number];

/** The sub-flow of each action but 'list' (one message, answered here). */
const FLOW_OF: Record<Exclude<KeyAction, 'list'>, string> = {
  deposit: KEY_DEPOSIT_DIALOG,
  pickup: KEY_PICKUP_DIALOG,
  authorise: KEY_AUTHORISE_DIALOG,
  cancel: KEY_CANCEL_DIALOG,
  reschedule: KEY_RESCHEDULE_DIALOG,
};

function pickAction(text: string): KeyAction | null {
  const t = text.trim();
  const table: Array<[RegExp, KeyAction]> = [
    [/^(1|寄存.*|存钥匙)$/, 'deposit'],
    [/^(2|领取.*|取钥匙|预约领取)$/, 'pickup'],
    [/^(3|我的预约|查看.*)$/, 'list'],
    [/^(4|改期|改时间)$/, 'reschedule'],
    [/^(5|取消.*)$/, 'cancel'],
    [/^(6|授权.*)$/, 'authorise'],
  ];
  return table.find(([re]) => re.test(t))?.[1] ?? null;
}

export class KeysDialog extends ComponentDialog {
  constructor(private readonly deps: KeysDialogDeps) {
    super(KEYS_DIALOG);
    this.addDialog(
      optionPrompt(
        MENU,
        (text) => (ACTIONS as readonly string[]).includes(text) || pickAction(text) !== null,
        'keys.noOption',
      ),
    );
    this.addDialog(new KeyDepositDialog(deps));
    this.addDialog(new KeyPickupDialog(deps));
    this.addDialog(new KeyAuthoriseDialog(deps));
    this.addDialog(new KeyCancelDialog(deps));
    this.addDialog(new KeyRescheduleDialog(deps));
    this.addDialog(new WaterfallDialog('keys.steps', [this.menu, this.route]));
    this.initialDialogId = 'keys.steps';
  }

  private menu = async (step: WaterfallStepContext) => {
    ownerOf(senderOf(step.context));
    const sub = understoodOf(step.options)?.sub;
    if (sub && (ACTIONS as readonly string[]).includes(sub)) return step.next(sub);
    return step.prompt(MENU, { prompt: textsFor(step.context)('keys.menu') });
  };

  private route = async (step: WaterfallStepContext) => {
    const said = String(step.result);
    // The menu prompt accepts only an action, so this always finds one.
    const action = (ACTIONS as readonly string[]).includes(said) ? (said as KeyAction) : (pickAction(said) ?? 'list');
    // The sub-flow gets what the flow was started with ("周六下午来存钥匙": the time is not asked again).
    if (action !== 'list') return step.beginDialog(FLOW_OF[action], step.options);
    const owner = ownerOf(senderOf(step.context));
    await step.context.sendActivity(await this.listText(owner, textsFor(step.context), senderOf(step.context).locale));
    return step.endDialog();
  };

  private async listText(owner: OwnerUnit, tr: Translate, locale: Parameters<typeof kindLabel>[1]): Promise<string> {
    const svc = this.deps.keys;
    const booked = await svc.myAppointments(owner.ownerPersonId);
    const held = await svc.myHoldings(owner.ownerPersonId);
    const lines: string[] = [];
    for (const a of booked) {
      lines.push(
        tr('keys.listAppointment', {
          slot: formatLocal(a.slotStart, svc.slots.tz),
          kind: kindLabel(a.kind, locale),
          person: a.personName,
        }),
      );
    }
    for (const h of held) {
      const people = authorisedPeople(h, tr, 'keys.none');
      lines.push(
        tr('keys.listHolding', {
          description: h.description,
          date: formatLocal(h.depositedAt, svc.slots.tz, 'date'),
          people,
        }),
      );
    }
    return lines.length > 0 ? lines.join('\n') : tr('keys.listEmpty');
  }
}
