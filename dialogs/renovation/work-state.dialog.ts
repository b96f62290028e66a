// 停工 (with a reason) and 复工 (at once): announcements staff decide on.
import { t } from '../../src/i18n/index.js';
import type { WaterfallStepContext } from 'botbuilder-dialogs';
import {
  ownerOf,
  PermitFlow,
  TEXT,
  type Permit,
  type PermitFlowValues,
  type RenovationDialogDeps,
} from './permit-flow.js';

export const RENOVATION_STOP_DIALOG = 'renovation.stop';
export const RENOVATION_RESUME_DIALOG = 'renovation.resume';

export class RenovationStopDialog extends PermitFlow {
  constructor(deps: RenovationDialogDeps) {
    super(RENOVATION_STOP_DIALOG, deps);
    this.steps(this.reason);
  }

  protected async withPermit(step: WaterfallStepContext, _permit: Permit) {
    return step.prompt(TEXT, { prompt: t(ownerOf(step.context).locale, 'reno.stop.askReason') });
  }

  private reason = async (step: WaterfallStepContext) => {
    const v = step.values as PermitFlowValues;
    const { personId, estate, locale } = ownerOf(step.context);
    const text = String(step.result).trim();
    return this.reported(
      step,
      await this.deps.renovation.announceStopWork(estate, personId, v.permitId ?? '', text || null, locale),
      locale,
    );
  };
}

export class RenovationResumeDialog extends PermitFlow {
  constructor(deps: RenovationDialogDeps) {
    super(RENOVATION_RESUME_DIALOG, deps);
    this.steps();
  }

  protected async withPermit(step: WaterfallStepContext, permit: Permit) {
    const { personId, estate, locale } = ownerOf(step.context);
    return this.reported(
      step,
      await this.deps.renovation.announceResume(estate, personId, permit.id, null, locale),
      locale,
    );
  }
}
