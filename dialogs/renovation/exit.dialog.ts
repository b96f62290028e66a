// 退场验收 (book a free inspection slot, re-asked on a wrong number) and the deposit refund status.
import { t } from '../../src/i18n/index.js';
import type { WaterfallStepContext } from 'botbuilder-dialogs';
import { formatLocal } from '../../src/shared/zoned-time.js';
import { pickNumber } from '../prompts/option.prompt.js';
import {
  NUMBER,
  ownerOf,
  PermitFlow,
  type Permit,
  type PermitFlowValues,
  type RenovationDialogDeps,
} from './permit-flow.js';

export const RENOVATION_INSPECT_DIALOG = 'renovation.inspect';
export const RENOVATION_DEPOSIT_DIALOG = 'renovation.deposit';

interface InspectValues extends PermitFlowValues {
  slots?: string[];
}

export class RenovationInspectDialog extends PermitFlow {
  constructor(deps: RenovationDialogDeps) {
    super(RENOVATION_INSPECT_DIALOG, deps);
    this.steps(this.slotChosen);
  }

  protected async withPermit(step: WaterfallStepContext, _permit: Permit) {
    const { estate, locale } = ownerOf(step.context);
    const slots = (await this.deps.renovation.freeInspectionSlots(estate)).slice(0, 8);
    if (slots.length === 0) {
      await step.context.sendActivity(t(locale, 'reno.inspect.full'));
      return step.endDialog();
    }
    (step.values as InspectValues).slots = slots.map((s) => s.toISOString());
    const lines = slots.map((s, i) => `${i + 1} ${formatLocal(s, estate.timezone)}`);
    return step.prompt(NUMBER, {
      prompt: [t(locale, 'reno.inspect.chooseSlot'), ...lines].join('\n'),
      validations: { max: slots.length },
    });
  }

  private slotChosen = async (step: WaterfallStepContext) => {
    const v = step.values as InspectValues;
    const { personId, estate, locale } = ownerOf(step.context);
    const slots = v.slots ?? [];
    const n = pickNumber(String(step.result).trim(), slots.length);
    const slot = n === null ? undefined : slots[n - 1];
    if (!slot) {
      await step.context.sendActivity(t(locale, 'reno.noSuchNumberExit'));
      return step.endDialog();
    }
    return this.reported(
      step,
      await this.deps.renovation.bookExitInspection(estate, personId, v.permitId ?? '', new Date(slot), locale),
      locale,
    );
  };
}

export class RenovationDepositDialog extends PermitFlow {
  constructor(deps: RenovationDialogDeps) {
    super(RENOVATION_DEPOSIT_DIALOG, deps);
    this.steps();
  }

  protected async withPermit(step: WaterfallStepContext, permit: Permit) {
    const { personId, locale } = ownerOf(step.context);
    await step.context.sendActivity(await this.deps.renovation.depositStatus(personId, permit.id, locale));
    return step.endDialog();
  }
}
