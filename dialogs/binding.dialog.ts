// 绑定: which unit, then proof (front-desk code, or name + phone last 4). Ends with { bound, then } so the caller can
// continue to the flow the person wanted before being asked to bind.
import {
  ComponentDialog,
  ListStyle,
  TextPrompt,
  WaterfallDialog,
  type FoundChoice,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { SafeChoicePrompt } from './prompts/safe-choice.prompt.js';
import { BINDING_CODE_DIGITS, type BindingService, type UnitRef } from '../src/identity/binding.service.js';
import { failureText } from '../src/identity/binding.replies.js';
import { textsFor } from './dialog-deps.js';
import { senderOf, setSender } from '../src/identity/sender.js';
import { guardedTextPrompt } from './prompts/guarded-text.prompt.js';
import { retryWith } from './prompts/retry.js';
import { imBackChoice } from './prompts/guarded-choice.prompt.js';
import { freeText, understoodOf, type FlowOptions } from './understood.js';

export const BINDING_DIALOG = 'binding';
const UNIT = 'binding.unit';
const WHICH = 'binding.which';
const METHOD = 'binding.method';
const CODE = 'binding.code';
const NAME = 'binding.name';
const LAST4 = 'binding.last4';
const NAME_MAX = 20;

export interface BindingOptions extends FlowOptions {
  /** The intent to continue with once bound. */
  then?: string;
  /** Skip the unit question (a retry after a wrong answer). */
  unit?: UnitRef;
  /** Say why binding is needed (the person asked for a personal flow). */
  gated?: boolean;
  /** Asked again after a wrong answer (nothing to introduce). */
  retry?: boolean;
}

export interface BindingResult {
  bound: boolean;
  then?: string;
}

interface Values {
  unit?: UnitRef;
  /** The units an ambiguous address matched ("2栋802": 2栋1单元802 and 2栋2单元802). */
  candidates?: UnitRef[];
  method?: 'code' | 'name';
  name?: string;
}

export class BindingDialog extends ComponentDialog {
  constructor(private readonly binding: BindingService) {
    super(BINDING_DIALOG);
    this.addDialog(
      new TextPrompt(UNIT, async (p) => {
        const found = await this.binding.lookUpUnit(senderOf(p.context).estate.id, p.context.activity.text ?? '');
        if (found.kind === 'one' || found.kind === 'many') return true;
        // "Not in this estate" only for an address we could read (echoed back, so never a pasted novel); otherwise
        // "could not read it": different problems, different answers.
        retryWith(
          p,
          found.kind === 'none' && [...found.said].length <= 40
            ? textsFor(p.context)('bind.unitUnknown', { unit: found.said })
            : textsFor(p.context)('bind.unitUnreadable'),
        );
        return false;
      }),
    );
    this.addDialog(new SafeChoicePrompt(WHICH, undefined, 'zh-cn'));
    this.addDialog(new SafeChoicePrompt(METHOD, undefined, 'zh-cn'));
    this.addDialog(
      new TextPrompt(CODE, async (p) => {
        if (new RegExp(`^\\s*\\d{${BINDING_CODE_DIGITS}}\\s*$`).test(p.context.activity.text ?? '')) return true;
        retryWith(p, textsFor(p.context)('bind.codeFormat'));
        return false;
      }),
    );
    this.addDialog(guardedTextPrompt(NAME, () => NAME_MAX));
    this.addDialog(
      new TextPrompt(LAST4, async (p) => {
        if (/^\s*\d{4}\s*$/.test(p.context.activity.text ?? '')) return true;
        retryWith(p, textsFor(p.context)('bind.last4Format'));
        return false;
      }),
    );
    this.addDialog(
      new WaterfallDialog('binding.steps', [
        this.askUnit,
        this.pickUnit,
        this.askMethod,
        this.askSecret,
        this.askLast4,
        this.verify,
      ]),
    );
    this.initialDialogId = 'binding.steps';
  }

  private opts(step: WaterfallStepContext): BindingOptions {
    return (step.options ?? {}) as BindingOptions;
  }

  private askUnit = async (step: WaterfallStepContext) => {
    const sender = senderOf(step.context);
    const until = await this.binding.lockedUntil(sender.identityId);
    if (until) {
      await step.context.sendActivity(
        failureText({ reason: 'locked', left: 0, lockedUntil: until }, sender.estate, sender.locale),
      );
      return step.endDialog({ bound: false } satisfies BindingResult);
    }
    const o = this.opts(step);
    if (o.unit) return step.next(o.unit.label);
    // "2栋802绑定一下": the address is in the message that started it.
    const u = understoodOf(step.options);
    const said = freeText(u);
    if (!o.retry && said && u?.slots.unit) return step.next(said);
    // 绑定 asked by someone already bound: say so, and go on (a second unit is fine).
    if (!o.gated && !o.retry && sender.units.length > 0)
      await step.context.sendActivity(
        textsFor(step.context)('bind.already', { units: sender.units.map((u) => u.label).join('、') }),
      );
    const intro = o.gated ? `${textsFor(step.context)('bind.intro')}\n` : '';
    return step.prompt(UNIT, { prompt: intro + textsFor(step.context)('bind.askUnit') });
  };

  /** An address that matches several units asks which one instead of saying it does not exist. */
  private pickUnit = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    const given = this.opts(step).unit;
    if (given) return step.next(given);
    const found = await this.binding.lookUpUnit(senderOf(step.context).estate.id, String(step.result));
    if (found.kind === 'one') return step.next(found.unit);
    if (found.kind !== 'many') {
      if (found.kind === 'none')
        await step.context.sendActivity(textsFor(step.context)('bind.unitUnknown', { unit: found.said }));
      return step.replaceDialog(BINDING_DIALOG, { ...this.opts(step), unit: undefined, retry: true });
    }
    v.candidates = found.units;
    return step.prompt(WHICH, {
      prompt: textsFor(step.context)('bind.unitAmbiguous', { count: found.units.length, unit: found.said }),
      choices: found.units.map((u) => imBackChoice(u.unitId, u.label)),
      style: ListStyle.suggestedAction,
    });
  };

  private askMethod = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    const r = step.result as UnitRef | FoundChoice;
    v.unit = 'unitId' in r ? r : v.candidates?.find((u) => u.unitId === r.value);
    if (!v.unit) return step.replaceDialog(BINDING_DIALOG, { ...this.opts(step), unit: undefined, retry: true });
    const tr = textsFor(step.context);
    return step.prompt(METHOD, {
      prompt: tr('bind.askMethod', { unit: v.unit.label }),
      choices: [
        imBackChoice('code', tr('bind.method.code'), ['绑定码', '验证码']),
        imBackChoice('name', tr('bind.method.name'), ['姓名', '手机尾号']),
      ],
      style: ListStyle.suggestedAction,
    });
  };

  private askSecret = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    v.method = (step.result as FoundChoice).value === 'code' ? 'code' : 'name';
    return step.prompt(v.method === 'code' ? CODE : NAME, {
      prompt: textsFor(step.context)(v.method === 'code' ? 'bind.askCode' : 'bind.askName'),
    });
  };

  private askLast4 = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    if (v.method === 'code') return step.next(String(step.result).trim());
    v.name = String(step.result).trim();
    return step.prompt(LAST4, { prompt: textsFor(step.context)('bind.askLast4') });
  };

  private verify = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    const sender = senderOf(step.context);
    const unit = v.unit!;
    const secret = String(step.result).trim();
    const outcome =
      v.method === 'code'
        ? await this.binding.bindWithCode(sender.identityId, unit, secret)
        : await this.binding.bindWithName(sender.identityId, unit, v.name ?? '', secret);
    if (!outcome.ok) {
      await step.context.sendActivity(failureText(outcome, sender.estate, sender.locale));
      if (outcome.reason === 'locked' || outcome.reason === 'pending' || outcome.lockedUntil)
        return step.endDialog({ bound: false } satisfies BindingResult);
      return step.replaceDialog(BINDING_DIALOG, {
        ...this.opts(step),
        unit,
        gated: false,
        retry: true,
      } satisfies BindingOptions);
    }
    // The rest of this turn (the flow we continue into) must see the new binding.
    setSender(step.context, { ...sender, personId: outcome.personId, units: outcome.units });
    await step.context.sendActivity(textsFor(step.context)('bind.ok', { unit: outcome.unitLabel }));
    const then = this.opts(step).then;
    return step.endDialog({ bound: true, ...(then ? { then } : {}) } satisfies BindingResult);
  };
}
