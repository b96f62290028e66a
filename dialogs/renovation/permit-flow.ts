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
import { t, type Locale } from '../../src/i18n/index.js';
import {
  requestKindLabel,
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

export function ownerOf(context: TurnContext): { personId: string; estate: EstateInfo; locale: Locale } {
  const sender = senderOf(context);
  if (!sender.personId) throw new AppError('NOT_BOUND', 'renovation: not bound');
  return { personId: sender.personId, estate: sender.estate, locale: sender.locale };
}

/** The owner's answer to a submitted request: filed with its number, or the broken rules. */
export function report(r: SubmitResult, locale: Locale): string {
  if (!r.ok) return r.reasons.join('\n');
  const kind = requestKindLabel(r.request.kind, locale);
  return r.request.kind === 'EXTENSION'
    ? t(locale, 'reno.submittedExtension', { kind, end: r.request.newEndDate ?? '', seq: r.request.seq })
    : t(locale, 'reno.submitted', { kind, seq: r.request.seq });
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

  /** Tells the owner how a submitted request went (report) and ends the sub-flow. */
  protected async reported(step: WaterfallStepContext, r: SubmitResult, locale: Locale): Promise<DialogTurnResult> {
    await step.context.sendActivity(report(r, locale));
    return step.endDialog();
  }

  /** The first step of the sub-flow proper, with the chosen permit (stored in the values as `permitId`). */
  protected abstract withPermit(step: WaterfallStepContext, permit: Permit): Promise<DialogTurnResult>;

  private choosePermit = async (step: WaterfallStepContext) => {
    const v = step.values as PermitFlowValues;
    Object.assign(v, (step.options ?? {}) as PermitFlowOptions);
    const { personId, locale } = ownerOf(step.context);
    const svc = this.deps.renovation;
    const permits = await svc.permitsOf(personId);
    if (permits.length === 0) {
      await step.context.sendActivity(t(locale, 'reno.noPermits'));
      return step.endDialog();
    }
    v.permitIds = permits.map((p) => p.id);
    if (permits.length === 1) return step.next('1');
    const lines = (await svc.describePermits(permits, locale)).map((l, i) => `${i + 1} ${l}`);
    return step.prompt(NUMBER, {
      prompt: [t(locale, 'reno.choosePermit'), ...lines].join('\n'),
      validations: { max: permits.length },
    });
  };

  private permitChosen = async (step: WaterfallStepContext) => {
    const v = step.values as PermitFlowValues;
    const ids = v.permitIds ?? [];
    const n = pickNumber(String(step.result), ids.length);
    const permitId = n === null ? undefined : ids[n - 1];
    if (!permitId) {
      await step.context.sendActivity(t(ownerOf(step.context).locale, 'reno.noSuchNumberExit'));
      return step.endDialog();
    }
    v.permitId = permitId;
    const { personId } = ownerOf(step.context);
    return this.withPermit(step, await this.deps.renovation.ownedPermit(personId, permitId));
  };
}
