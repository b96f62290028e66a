// My key bookings: cancel one, or move it to another time. Both start by choosing the booking (re-asked on a wrong
// number); a booking cancelled meanwhile from another chat is still refused.
import type { WaterfallStepContext } from 'botbuilder-dialogs';
import { senderOf } from '../../src/identity/sender.js';
import { kindLabel } from '../../src/keys/key.service.js';
import type { MessageKey } from '../../src/i18n/index.js';
import { formatLocal } from '../../src/shared/zoned-time.js';
import { pickNumber } from '../prompts/option.prompt.js';
import { textsFor } from '../dialog-deps.js';
import { KeyFlow, NUMBER, ownerOf, type KeysDialogDeps } from './key-flow.js';

export const KEY_CANCEL_DIALOG = 'keys.cancel';
export const KEY_RESCHEDULE_DIALOG = 'keys.reschedule';

interface Values {
  appointmentId?: string;
}

abstract class BookingFlow extends KeyFlow {
  constructor(
    id: string,
    deps: KeysDialogDeps,
    private readonly question: MessageKey,
  ) {
    super(id, deps);
  }

  protected pickBooking = async (step: WaterfallStepContext) => {
    const tr = textsFor(step.context);
    const sender = senderOf(step.context);
    const svc = this.deps.keys;
    const booked = await svc.myAppointments(ownerOf(sender).ownerPersonId);
    if (booked.length === 0) {
      await step.context.sendActivity(tr('keys.noAppointments'));
      return step.endDialog();
    }
    const lines = booked.map((a, i) =>
      tr('keys.choiceLine', {
        n: i + 1,
        slot: formatLocal(a.slotStart, svc.slots.tz),
        kind: kindLabel(a.kind, sender.locale),
        person: a.personName,
      }),
    );
    return step.prompt(NUMBER, {
      prompt: tr(this.question, { lines: lines.join('\n') }),
      validations: { max: booked.length },
    });
  };

  /** The booking the answer names, or null (told, and the flow ends) when it is gone. */
  protected async chosenBooking(step: WaterfallStepContext) {
    const booked = await this.deps.keys.myAppointments(ownerOf(senderOf(step.context)).ownerPersonId);
    // The number prompt checked the range; a booking cancelled meanwhile (another chat) is still refused here.
    const chosen = booked[(pickNumber(String(step.result).trim(), booked.length) ?? 0) - 1];
    if (!chosen) await step.context.sendActivity(textsFor(step.context)('keys.bookingGone'));
    return chosen ?? null;
  }
}

export class KeyCancelDialog extends BookingFlow {
  constructor(deps: KeysDialogDeps) {
    super(KEY_CANCEL_DIALOG, deps, 'keys.pickCancel');
    this.steps(this.pickBooking, this.cancel);
  }

  private cancel = async (step: WaterfallStepContext) => {
    const chosen = await this.chosenBooking(step);
    if (!chosen) return step.endDialog();
    const svc = this.deps.keys;
    await svc.cancel(ownerOf(senderOf(step.context)).ownerPersonId, chosen.id);
    await step.context.sendActivity(
      textsFor(step.context)('keys.cancelled', { slot: formatLocal(chosen.slotStart, svc.slots.tz) }),
    );
    return step.endDialog();
  };
}

export class KeyRescheduleDialog extends BookingFlow {
  constructor(deps: KeysDialogDeps) {
    super(KEY_RESCHEDULE_DIALOG, deps, 'keys.pickReschedule');
    this.steps(this.pickBooking, this.askNewTime, this.booked);
  }

  private askNewTime = async (step: WaterfallStepContext) => {
    const chosen = await this.chosenBooking(step);
    if (!chosen) return step.endDialog();
    (step.values as Values).appointmentId = chosen.id;
    const svc = this.deps.keys;
    const tr = textsFor(step.context);
    return this.askTime(
      step,
      tr('keys.originalTime', {
        slot: formatLocal(chosen.slotStart, svc.slots.tz),
        ask: await this.whenQuestion(step),
      }),
    );
  };

  private booked = async (step: WaterfallStepContext) => {
    const chosen = this.chosenSlot(step);
    if (!chosen) return step.endDialog();
    const owner = ownerOf(senderOf(step.context));
    const appointmentId = (step.values as Values).appointmentId ?? '';
    return this.book(step, async () => {
      await this.deps.keys.reschedule(owner.ownerPersonId, appointmentId, chosen.slot);
      return textsFor(step.context)('keys.rescheduled', { slot: chosen.label });
    });
  };
}
