// 转名 / 退楼 / 入住(收楼) (#20): the owner books a desk appointment on the same desk calendar and seats as the key
// hand-overs — the same time question (KeyFlow: "明天上午" offers free slots, lunch/holiday/full refused and re-asked) —
// and gets the confirmation with the documents to bring (Estate.settings.deskAppointments; our defaults).
// Reached by command words only (flow-registry: 转名/过户, 退楼, 入住/收楼); reschedule and cancel go through 钥匙.
import type { WaterfallStepContext } from 'botbuilder-dialogs';
import { senderOf } from '../src/identity/sender.js';
import { isDeskPurpose, kindLabel, type DeskPurpose } from '../src/keys/key.service.js';
import { understoodOf } from './understood.js';
import { textsFor } from './dialog-deps.js';
import { KeyFlow, ownerOf, type KeysDialogDeps } from './keys/key-flow.js';

export const DESK_APPOINTMENT_DIALOG = 'deskAppointment';

interface Values {
  purpose?: DeskPurpose;
}

export class DeskAppointmentDialog extends KeyFlow {
  constructor(deps: KeysDialogDeps) {
    super(DESK_APPOINTMENT_DIALOG, deps);
    this.steps(this.askWhen, this.booked);
  }

  private askWhen = async (step: WaterfallStepContext) => {
    const sub = understoodOf(step.options)?.sub ?? '';
    const purpose: DeskPurpose = isDeskPurpose(sub) ? sub : 'TRANSFER';
    (step.values as Values).purpose = purpose;
    const sender = senderOf(step.context);
    const owner = ownerOf(sender);
    const slots = await this.deps.keys.slotsFor(owner.estateId);
    return this.askTime(
      step,
      textsFor(step.context)('appointments.askWhen', {
        purpose: kindLabel(purpose, sender.locale),
        unit: owner.unitLabel,
        hours: slots.hoursText(sender.locale),
        minutes: slots.settings.slotMinutes,
      }),
    );
  };

  private booked = async (step: WaterfallStepContext) => {
    const chosen = this.chosenSlot(step);
    if (!chosen) return step.endDialog();
    const purpose = (step.values as Values).purpose ?? 'TRANSFER';
    const sender = senderOf(step.context);
    const owner = ownerOf(sender);
    const tr = textsFor(step.context);
    return this.book(step, async () => {
      const { code } = await this.deps.keys.bookDesk(owner, purpose, chosen.slot);
      const items = await this.deps.keys.checklist(owner.estateId, purpose);
      return tr('appointments.booked', {
        slot: chosen.label,
        purpose: kindLabel(purpose, sender.locale),
        unit: owner.unitLabel,
        code,
        checklist: items.map((item) => tr('appointments.checklistLine', { item })).join('\n'),
      });
    });
  };
}
