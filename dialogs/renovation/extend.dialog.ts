// 装修延期: "延期两周", "到12月20号"; a date prompt when the phrase is not understood. "续一个月" in the message that
// started the flow is tried as the answer; the question is asked only when it names no end date.
import { t } from '../../src/i18n/index.js';
import { type DateTimeResolution, type WaterfallStepContext } from 'botbuilder-dialogs';
import { localDateKey } from '../../src/shared/zoned-time.js';
import { resolutionToDate } from '../prompts/callback-time.js';
import { SafeDateTimePrompt } from '../prompts/safe-datetime.prompt.js';
import {
  ownerOf,
  PermitFlow,
  TEXT,
  type Permit,
  type PermitFlowValues,
  type RenovationDialogDeps,
} from './permit-flow.js';

export const RENOVATION_EXTEND_DIALOG = 'renovation.extend';
const WHEN = 'when';

export class RenovationExtendDialog extends PermitFlow {
  constructor(deps: RenovationDialogDeps) {
    super(RENOVATION_EXTEND_DIALOG, deps);
    this.addDialog(new SafeDateTimePrompt(WHEN, undefined, 'zh-cn', deps.now));
    this.steps(this.newEnd, this.whenFallback);
  }

  protected async withPermit(step: WaterfallStepContext, permit: Permit) {
    const v = step.values as PermitFlowValues;
    const { personId, estate, locale } = ownerOf(step.context);
    const svc = this.deps.renovation;
    if (v.extensionText) {
      const r = await svc.requestExtension(estate, personId, permit.id, v.extensionText, null, locale);
      if (r.ok || r.code !== 'UNPARSED') return this.reported(step, r, locale);
    }
    const max = svc.settings(estate).maxExtensionDays;
    return step.prompt(TEXT, {
      prompt: t(locale, 'reno.extend.ask', { number: permit.number, end: permit.endDate, max }),
    });
  }

  private newEnd = async (step: WaterfallStepContext) => {
    const v = step.values as PermitFlowValues;
    const { personId, estate, locale } = ownerOf(step.context);
    const r = await this.deps.renovation.requestExtension(
      estate,
      personId,
      v.permitId ?? '',
      String(step.result).trim(),
      null,
      locale,
    );
    if (!r.ok && r.code === 'UNPARSED') {
      return step.prompt(WHEN, {
        prompt: t(locale, 'reno.extend.askDate'),
        retryPrompt: t(locale, 'reno.extend.askDateRetry'),
      });
    }
    return this.reported(step, r, locale);
  };

  private whenFallback = async (step: WaterfallStepContext) => {
    const v = step.values as PermitFlowValues;
    const { personId, estate, locale } = ownerOf(step.context);
    // "12月20日" without a year resolves to last and next December: take the first reading not in the past.
    const today = this.deps.renovation.today(estate);
    const days = ((step.result as DateTimeResolution[] | undefined) ?? [])
      .map((r) => resolutionToDate(r, estate.timezone))
      .flatMap((d) => (d ? [localDateKey(d, estate.timezone)] : []));
    const day = days.find((d) => d >= today) ?? days[0];
    if (!day) {
      await step.context.sendActivity(t(locale, 'reno.extend.gaveUp'));
      return step.endDialog();
    }
    return this.reported(
      step,
      await this.deps.renovation.requestExtension(estate, personId, v.permitId ?? '', day, null, locale),
      locale,
    );
  };
}
