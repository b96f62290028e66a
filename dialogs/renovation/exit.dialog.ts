// 退场验收 (book a free inspection slot, re-asked on a wrong number) and the deposit refund status.
import type { WaterfallStepContext } from 'botbuilder-dialogs';
import { formatLocal } from '../../src/shared/zoned-time.js';
import { pickNumber } from '../prompts/option.prompt.js';
import {
  NUMBER,
  ownerOf,
  PermitFlow,
  report,
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
    const { estate } = ownerOf(step.context);
    const slots = (await this.deps.renovation.freeInspectionSlots(estate)).slice(0, 8);
    if (slots.length === 0) {
      await step.context.sendActivity('近期退场验收时段已约满，请联系物业前台安排。');
      return step.endDialog();
    }
    (step.values as InspectValues).slots = slots.map((s) => s.toISOString());
    const lines = slots.map((s, i) => `${i + 1} ${formatLocal(s, estate.timezone)}`);
    return step.prompt(NUMBER, {
      prompt: ['可预约的退场验收时段，请回复序号：', ...lines].join('\n'),
      validations: { max: slots.length },
    });
  }

  private slotChosen = async (step: WaterfallStepContext) => {
    const v = step.values as InspectValues;
    const { personId, estate } = ownerOf(step.context);
    const slots = v.slots ?? [];
    const n = pickNumber(String(step.result).trim(), slots.length);
    const slot = n === null ? undefined : slots[n - 1];
    if (!slot) {
      await step.context.sendActivity('没有这个序号，已退出。需要时再回复“装修”。');
      return step.endDialog();
    }
    await step.context.sendActivity(
      report(await this.deps.renovation.bookExitInspection(estate, personId, v.permitId ?? '', new Date(slot))),
    );
    return step.endDialog();
  };
}

export class RenovationDepositDialog extends PermitFlow {
  constructor(deps: RenovationDialogDeps) {
    super(RENOVATION_DEPOSIT_DIALOG, deps);
    this.steps();
  }

  protected async withPermit(step: WaterfallStepContext, permit: Permit) {
    const { personId } = ownerOf(step.context);
    await step.context.sendActivity(await this.deps.renovation.depositStatus(personId, permit.id));
    return step.endDialog();
  }
}
