// 钥匙领取: who comes (本人, or a name and phone on the authorised list), when; booked with a code to forward.
import type { WaterfallStepContext } from 'botbuilder-dialogs';
import { senderOf } from '../../src/identity/sender.js';
import type { PickupPerson } from '../../src/keys/key.service.js';
import { textsFor } from '../dialog-deps.js';
import { understoodOf } from '../understood.js';
import { authorisedPeople, KeyFlow, ownerOf, TEXT, type KeysDialogDeps } from './key-flow.js';

export const KEY_PICKUP_DIALOG = 'keys.pickup';

interface Values {
  holdingId?: string;
  person?: PickupPerson;
}

export class KeyPickupDialog extends KeyFlow {
  constructor(deps: KeysDialogDeps) {
    super(KEY_PICKUP_DIALOG, deps);
    this.steps(this.askWho, this.who, this.booked);
  }

  private askWho = async (step: WaterfallStepContext) => {
    const h = await this.firstHolding(step);
    if (!h) return step.endDialog();
    (step.values as Values).holdingId = h.id;
    // "让王师傅 13900001111 明天来取": the person is named already (the service still checks the list).
    const { name, phone } = understoodOf(step.options)?.slots ?? { name: null, phone: null };
    if (name && phone) return step.next(`${name} ${phone}`);
    const tr = textsFor(step.context);
    const people = authorisedPeople(h, tr, 'keys.nobody');
    return step.prompt(TEXT, { prompt: tr('keys.askWho', { description: h.description, people }) });
  };

  private who = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    const text = String(step.result).trim();
    const tr = textsFor(step.context);
    if (/^(本人|我|自己|1|me|myself)$/i.test(text)) v.person = { self: true };
    else {
      const m = /^(\S+?)\s*(1[3-9]\d[\d\s-]{8,})$/.exec(text);
      if (!m?.[1] || !m[2]) {
        await step.context.sendActivity(tr('keys.whoFormatExit'));
        return step.endDialog();
      }
      v.person = { self: false, name: m[1], phone: m[2].replace(/\D/g, '') };
    }
    return this.askTime(step, await this.whenQuestion(step));
  };

  private booked = async (step: WaterfallStepContext) => {
    const chosen = this.chosenSlot(step);
    if (!chosen) return step.endDialog();
    const v = step.values as Values;
    const owner = ownerOf(senderOf(step.context));
    const tr = textsFor(step.context);
    return this.book(step, async () => {
      const person = v.person ?? { self: true };
      const { code, appointment } = await this.deps.keys.bookPickup(owner, v.holdingId ?? '', person, chosen.slot);
      const forward = person.self
        ? tr('keys.pickupSelf')
        : tr('keys.pickupForward', { person: appointment.personName });
      return tr('keys.pickupBooked', { slot: chosen.label, person: appointment.personName, code, forward });
    });
  };
}
