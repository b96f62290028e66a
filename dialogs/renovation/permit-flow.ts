// What every renovation sub-flow starts with: the owner's permits, none → say so, one → taken, several → a numbered
// question that re-asks on a wrong number. The sub-flow (extend, stop, resume, 退场, deposit) goes on from the permit.
import type { TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  TextPrompt,
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStep,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { EstateInfo } from '../../src/estate/estate.service.js';
import { senderOf } from '../../src/identity/sender.js';
import {
  REQUEST_KIND_LABEL,
  type RenovationService,
  type SubmitResult,
} from '../../src/renovation/renovation.service.js';
import { AppError } from '../../src/shared/app-error.js';
import type { Clock } from '../../src/shared/clock.js';
import { optionPrompt, pickNumber } from '../prompts/option.prompt.js';

export interface RenovationDialogDeps {
  renovation: RenovationService;
  /** The clock date answers ("下周三上午") are read against. */
  now: Clock;
}

/** What the chooser hands a sub-flow. */
export interface PermitFlowOptions {
  /** The message that started the flow, when it may say the new end date ("续一个月"). */
  extensionText?: string;
}

export interface PermitFlowValues extends PermitFlowOptions {
  permitIds?: string[];
  permitId?: string;
}

export type Permit = Awaited<ReturnType<RenovationService['ownedPermit']>>;

export const TEXT = 'text';
export const NUMBER = 'number';

export function ownerOf(context: TurnContext): { personId: string; estate: EstateInfo } {
  const sender = senderOf(context);
  if (!sender.personId) throw new AppError('NOT_BOUND', 'renovation: not bound');
  return { personId: sender.personId, estate: sender.estate };
}

/** The owner's answer to a submitted request: filed with its number, or the broken rules. */
export function report(r: SubmitResult): string {
  if (!r.ok) return r.reasons.join('\n');
  const label = REQUEST_KIND_LABEL[r.request.kind];
  const what = r.request.kind === 'EXTENSION' ? `（延期至 ${r.request.newEndDate ?? ''}）` : '';
  return `已提交${label}申请${what}，编号 #${r.request.seq}。物业审批后会第一时间通知您。`;
}

export abstract class PermitFlow extends ComponentDialog {
  constructor(
    id: string,
    protected readonly deps: RenovationDialogDeps,
  ) {
    super(id);
    this.addDialog(new TextPrompt(TEXT));
    this.addDialog(optionPrompt(NUMBER, (text, v) => pickNumber(text, v.max ?? 0) !== null, 'renovation.noSuchNumber'));
  }

  /** The sub-flow's own steps, after the permit is known (call from the subclass constructor). */
  protected steps(...after: WaterfallStep[]): void {
    this.addDialog(new WaterfallDialog(`${this.id}.steps`, [this.choosePermit, this.permitChosen, ...after]));
    this.initialDialogId = `${this.id}.steps`;
  }

  /** The first step of the sub-flow proper, with the chosen permit (stored in the values as `permitId`). */
  protected abstract withPermit(step: WaterfallStepContext, permit: Permit): Promise<DialogTurnResult>;

  private choosePermit = async (step: WaterfallStepContext) => {
    const v = step.values as PermitFlowValues;
    Object.assign(v, (step.options ?? {}) as PermitFlowOptions);
    const { personId } = ownerOf(step.context);
    const svc = this.deps.renovation;
    const permits = await svc.permitsOf(personId);
    if (permits.length === 0) {
      await step.context.sendActivity('您名下没有登记的装修许可。办理装修申报请到物业前台。');
      return step.endDialog();
    }
    v.permitIds = permits.map((p) => p.id);
    if (permits.length === 1) return step.next('1');
    const lines = (await svc.describePermits(permits)).map((l, i) => `${i + 1} ${l}`);
    return step.prompt(NUMBER, {
      prompt: ['请回复装修许可的序号：', ...lines].join('\n'),
      validations: { max: permits.length },
    });
  };

  private permitChosen = async (step: WaterfallStepContext) => {
    const v = step.values as PermitFlowValues;
    const ids = v.permitIds ?? [];
    const n = pickNumber(String(step.result), ids.length);
    const permitId = n === null ? undefined : ids[n - 1];
    if (!permitId) {
      await step.context.sendActivity('没有这个序号，已退出。需要时再回复“装修”。');
      return step.endDialog();
    }
    v.permitId = permitId;
    const { personId } = ownerOf(step.context);
    return this.withPermit(step, await this.deps.renovation.ownedPermit(personId, permitId));
  };
}
