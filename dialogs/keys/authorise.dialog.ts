// 授权: who may collect the owner's keys — "添加 王师傅 139…" / "删除 139…".
import type { WaterfallStepContext } from 'botbuilder-dialogs';
import { senderOf } from '../../src/identity/sender.js';
import { maskPhone } from '../../src/shared/phone.js';
import { textsFor } from '../dialog-deps.js';
import { authorisedPeople, KeyFlow, ownerOf, TEXT, type KeysDialogDeps } from './key-flow.js';

export const KEY_AUTHORISE_DIALOG = 'keys.authorise';

interface Values {
  holdingId?: string;
}

export class KeyAuthoriseDialog extends KeyFlow {
  constructor(deps: KeysDialogDeps) {
    super(KEY_AUTHORISE_DIALOG, deps);
    this.steps(this.showList, this.change);
  }

  private showList = async (step: WaterfallStepContext) => {
    const h = await this.firstHolding(step);
    if (!h) return step.endDialog();
    (step.values as Values).holdingId = h.id;
    const tr = textsFor(step.context);
    const people = authorisedPeople(h, tr, 'keys.nobody');
    return step.prompt(TEXT, { prompt: tr('keys.authorisedMenu', { people }) });
  };

  private change = async (step: WaterfallStepContext) => {
    const text = String(step.result).trim();
    const tr = textsFor(step.context);
    const owner = ownerOf(senderOf(step.context));
    const svc = this.deps.keys;
    const holdingId = (step.values as Values).holdingId ?? '';
    const add = /^(?:添加|add\s)\s*(\S+?)\s*(1[3-9]\d[\d\s-]{8,})$/.exec(text);
    const del = /^(?:删除|remove\s)\s*(1[3-9]\d[\d\s-]{8,})$/.exec(text);
    if (add?.[1] && add[2]) {
      await svc.addAuthorised(owner.ownerPersonId, holdingId, add[1], add[2]);
      await step.context.sendActivity(tr('keys.authorisedAdded', { name: add[1], phone: maskPhone(add[2]) }));
    } else if (del?.[1]) {
      const ok = await svc.removeAuthorised(owner.ownerPersonId, holdingId, del[1]);
      await step.context.sendActivity(
        ok ? tr('keys.authorisedRemoved', { phone: maskPhone(del[1]) }) : tr('keys.authorisedUnknown'),
      );
    } else {
      await step.context.sendActivity(tr('keys.authorisedFormatExit'));
    }
    return step.endDialog();
  };
}
