// 出入证: a running permit (chosen when several) → worker's name → phone → last day (at most the permit's end;
// "默认" = the end) → filed for staff (批准出入证 N / 驳回出入证 N 原因). Bad answers are explained and asked again.
import type { TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { senderOf } from '../src/identity/sender.js';
import { normalizeMobile } from '../src/renovation/application.rules.js';
import { type ContractorPassService, readExpiry, workerProblem } from '../src/permits/contractor-pass.service.js';
import { AppError } from '../src/shared/app-error.js';
import { checkedTextPrompt } from './prompts/checked-text.prompt.js';
import { pickNumber } from './prompts/option.prompt.js';
import { textsFor } from './dialog-deps.js';

export const CONTRACTOR_PASS_DIALOG = 'contractor-pass';

const PERMIT = 'contractor-pass.permit';
const WORKER = 'contractor-pass.worker';
const PHONE = 'contractor-pass.phone';
const EXPIRY = 'contractor-pass.expiry';

interface Values {
  permits?: Array<{ id: string; number: string; unitLabel: string; endDate: string }>;
  permit?: { id: string; number: string; unitLabel: string; endDate: string };
  worker?: string;
  phone?: string;
}

function who(context: TurnContext) {
  const sender = senderOf(context);
  if (!sender.personId) throw new AppError('NOT_BOUND', 'pass: not bound');
  return { sender, personId: sender.personId, estate: sender.estate };
}

export class ContractorPassDialog extends ComponentDialog {
  private readonly passes: ContractorPassService;

  constructor(deps: { passes: ContractorPassService }) {
    super(CONTRACTOR_PASS_DIALOG);
    const passes = (this.passes = deps.passes);
    this.addDialog(
      checkedTextPrompt(PERMIT, 5, (text, p) => {
        const max = Number((p.options.validations as { max?: number } | undefined)?.max ?? 0);
        return pickNumber(text, max) ? null : { key: 'pass.noSuchNumber' };
      }),
    );
    this.addDialog(checkedTextPrompt(WORKER, 20, (text) => workerProblem(text)));
    this.addDialog(checkedTextPrompt(PHONE, 30, (text) => (normalizeMobile(text) ? null : { key: 'pass.badPhone' })));
    this.addDialog(
      checkedTextPrompt(EXPIRY, 30, (text, p) => {
        const end = String((p.options.validations as { end?: string } | undefined)?.end ?? '');
        const r = readExpiry(text, passes.today(who(p.context).estate), end);
        return 'key' in r ? r : null;
      }),
    );
    this.addDialog(
      new WaterfallDialog('contractor-pass.steps', [this.permit, this.worker, this.phone, this.expiry, this.file]),
    );
    this.initialDialogId = 'contractor-pass.steps';
  }

  private permit = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    const { sender, personId } = who(step.context);
    const tr = textsFor(step.context);
    const permits = await this.passes.passablePermits(personId);
    const label = (unitId: string) => sender.units.find((u) => u.unitId === unitId)?.label ?? '';
    v.permits = permits.map((p) => ({ id: p.id, number: p.number, unitLabel: label(p.unitId), endDate: p.endDate }));
    if (v.permits.length === 0) {
      await step.context.sendActivity(tr('pass.noPermit'));
      return step.endDialog();
    }
    if (v.permits.length === 1) return step.next('1');
    const lines = v.permits
      .map((p, i) => tr('deskPass.permitLine', { n: i + 1, number: p.number, unit: p.unitLabel, end: p.endDate }))
      .join('\n');
    return step.prompt(PERMIT, { prompt: tr('pass.choosePermit', { lines }), validations: { max: v.permits.length } });
  };

  private worker = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    const n = pickNumber(String(step.result), v.permits?.length ?? 0) ?? 1;
    v.permit = v.permits?.[n - 1];
    if (!v.permit) return step.endDialog();
    return step.prompt(WORKER, {
      prompt: textsFor(step.context)('pass.askWorker', { number: v.permit.number, unit: v.permit.unitLabel }),
    });
  };

  private phone = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    v.worker = String(step.result).trim();
    return step.prompt(PHONE, { prompt: textsFor(step.context)('pass.askPhone', { worker: v.worker }) });
  };

  private expiry = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    v.phone = normalizeMobile(String(step.result)) ?? '';
    const end = v.permit?.endDate ?? '';
    return step.prompt(EXPIRY, { prompt: textsFor(step.context)('pass.askExpiry', { end }), validations: { end } });
  };

  private file = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    const { personId, estate } = who(step.context);
    const pass = await this.passes.request(estate, personId, v.permit?.id ?? '', v.permit?.unitLabel ?? '', {
      workerName: v.worker ?? '',
      workerPhone: v.phone ?? '',
      expiresOn: String(step.result),
    });
    await step.context.sendActivity(
      textsFor(step.context)('pass.submitted', { seq: pass.seq, worker: pass.workerName, expires: pass.expiresOn }),
    );
    return step.endDialog();
  };
}
