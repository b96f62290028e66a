// 装修申报 by chat: unit → contractor → foreman's phone → work items → start → end → drawings (photos) → summary to
// confirm → filed for staff review (待审批 / 批准 N 押金 2000 / 驳回 N 原因). Each answer is checked where it is given
// (a bad one is explained and asked again); the service checks the whole application again before filing it.
import type { TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { t } from '../src/i18n/index.js';
import { senderOf } from '../src/identity/sender.js';
import {
  contractorProblem,
  earliestStart,
  endProblem,
  normalizeMobile,
  scopeProblem,
  startProblem,
  type ApplicationInput,
} from '../src/renovation/application.rules.js';
import type { RenovationService } from '../src/renovation/renovation.service.js';
import { AppError } from '../src/shared/app-error.js';
import type { Clock } from '../src/shared/clock.js';
import { parseLocalDate } from '../src/shared/local-date.parser.js';
import { checkedTextPrompt } from './prompts/checked-text.prompt.js';
import { PhotoPrompt, type PhotoFile } from './prompts/photo.prompt.js';
import { textsFor } from './dialog-deps.js';
import { UNIT_CHOOSER_DIALOG, UnitChooserDialog, type UnitChooserOptions } from './unit-chooser.dialog.js';

export const RENOVATION_APPLY_DIALOG = 'renovation-apply';

const CONTRACTOR = 'renovation-apply.contractor';
const PHONE = 'renovation-apply.phone';
const SCOPE = 'renovation-apply.scope';
const START = 'renovation-apply.start';
const END = 'renovation-apply.end';
const DRAWINGS = 'renovation-apply.drawings';
const CONFIRM = 'renovation-apply.confirm';

const CONFIRM_WORDS = /^(确认|确定|提交|确认提交|是|是的|对|好|好的|confirm|yes|ok)$/i;

export interface RenovationApplyDialogDeps {
  renovation: RenovationService;
  now: Clock;
}

type Values = Partial<ApplicationInput>;

function ownerOf(context: TurnContext) {
  const sender = senderOf(context);
  if (!sender.personId) throw new AppError('NOT_BOUND', 'renovation apply: not bound');
  return { personId: sender.personId, estate: sender.estate, sender };
}

export class RenovationApplyDialog extends ComponentDialog {
  constructor(private readonly deps: RenovationApplyDialogDeps) {
    super(RENOVATION_APPLY_DIALOG);
    const today = (context: TurnContext) => deps.renovation.today(senderOf(context).estate);
    const settings = (context: TurnContext) => deps.renovation.settings(senderOf(context).estate);
    this.addDialog(new UnitChooserDialog());
    this.addDialog(checkedTextPrompt(CONTRACTOR, 40, (text) => contractorProblem(text)));
    this.addDialog(
      checkedTextPrompt(PHONE, 30, (text) => (normalizeMobile(text) ? null : { key: 'permitApply.badPhone' })),
    );
    this.addDialog(checkedTextPrompt(SCOPE, 200, (text) => scopeProblem(text)));
    this.addDialog(
      checkedTextPrompt(START, 30, (text, p) => {
        const day = parseLocalDate(text, today(p.context));
        return day ? startProblem(day, today(p.context), settings(p.context)) : { key: 'permitApply.badDate' };
      }),
    );
    this.addDialog(
      checkedTextPrompt(END, 30, (text, p) => {
        const start = String((p.options.validations as { start?: string } | undefined)?.start ?? '');
        const day = parseLocalDate(text, today(p.context));
        return day ? endProblem(start, day, settings(p.context)) : { key: 'permitApply.badDate' };
      }),
    );
    this.addDialog(
      new PhotoPrompt(DRAWINGS, (tr) => ({
        received: (count) => tr('permitApply.photoReceived', { count }),
        unsupported: (type) => tr('permitApply.photoUnsupported', { type }),
        retry: tr('permitApply.photoRetry'),
        tooLong: tr('permitApply.photoRetry'),
      })),
    );
    this.addDialog(
      checkedTextPrompt(CONFIRM, 20, (text) =>
        CONFIRM_WORDS.test(text.replace(/[。！!.\s]+$/u, '')) ? null : { key: 'permitApply.confirmRetry' },
      ),
    );
    this.addDialog(
      new WaterfallDialog('renovation-apply.steps', [
        this.unit,
        this.contractor,
        this.phone,
        this.scope,
        this.start,
        this.end,
        this.drawings,
        this.confirm,
        this.submit,
      ]),
    );
    this.initialDialogId = 'renovation-apply.steps';
  }

  private unit = async (step: WaterfallStepContext) =>
    step.beginDialog(UNIT_CHOOSER_DIALOG, { ownerOnly: true } satisfies UnitChooserOptions);

  private contractor = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    const { sender, estate } = ownerOf(step.context);
    const tr = textsFor(step.context);
    const unit = sender.units.find((u) => u.unitId === step.result && u.role === 'OWNER');
    if (!unit) {
      await step.context.sendActivity(tr('permitApply.noUnit', { deskPhone: estate.deskPhone }));
      return step.endDialog();
    }
    const blocker = await this.deps.renovation.applicationBlocker(unit.unitId, unit.label, sender.locale);
    if (blocker) {
      await step.context.sendActivity(blocker);
      return step.endDialog();
    }
    v.unitId = unit.unitId;
    v.unitLabel = unit.label;
    return step.prompt(CONTRACTOR, { prompt: tr('permitApply.askContractor', { unit: unit.label }) });
  };

  private phone = async (step: WaterfallStepContext) => {
    (step.values as Values).contractor = String(step.result).trim();
    return step.prompt(PHONE, { prompt: textsFor(step.context)('permitApply.askPhone') });
  };

  private scope = async (step: WaterfallStepContext) => {
    (step.values as Values).foremanPhone = normalizeMobile(String(step.result)) ?? '';
    return step.prompt(SCOPE, { prompt: textsFor(step.context)('permitApply.askScope') });
  };

  private start = async (step: WaterfallStepContext) => {
    (step.values as Values).scope = String(step.result).trim();
    const { estate } = ownerOf(step.context);
    const earliest = earliestStart(this.deps.renovation.today(estate), this.deps.renovation.settings(estate));
    return step.prompt(START, { prompt: textsFor(step.context)('permitApply.askStart', { earliest }) });
  };

  private end = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    const { estate } = ownerOf(step.context);
    v.startDate = parseLocalDate(String(step.result), this.deps.renovation.today(estate)) ?? '';
    const maxDays = this.deps.renovation.settings(estate).applicationMaxDays;
    return step.prompt(END, {
      prompt: textsFor(step.context)('permitApply.askEnd', { start: v.startDate, maxDays }),
      validations: { start: v.startDate },
    });
  };

  private drawings = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    const { estate } = ownerOf(step.context);
    v.endDate = parseLocalDate(String(step.result), this.deps.renovation.today(estate)) ?? '';
    return step.prompt(DRAWINGS, { prompt: textsFor(step.context)('permitApply.askDrawings') });
  };

  private confirm = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    v.drawings = (step.result as { photos: PhotoFile[] }).photos;
    return step.prompt(CONFIRM, {
      prompt: textsFor(step.context)('permitApply.summary', {
        unit: v.unitLabel ?? '',
        contractor: v.contractor ?? '',
        phone: v.foremanPhone ?? '',
        scope: v.scope ?? '',
        start: v.startDate ?? '',
        end: v.endDate ?? '',
        drawings: v.drawings.length,
      }),
    });
  };

  private submit = async (step: WaterfallStepContext) => {
    const { personId, estate, sender } = ownerOf(step.context);
    const r = await this.deps.renovation.apply(estate, personId, step.values as ApplicationInput, sender.locale);
    const tr = textsFor(step.context);
    await step.context.sendActivity(
      r.ok
        ? tr('permitApply.submitted', { seq: r.request.seq, number: r.permit.number, days: r.slaDays })
        : r.problems.join('\n'),
    );
    return step.endDialog();
  };
}
