// 家人: an owner lists the members of a unit, adds a family member or tenant (name + phone + role) or removes one.
import {
  ComponentDialog,
  ListStyle,
  TextPrompt,
  WaterfallDialog,
  type FoundChoice,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { SafeChoicePrompt } from './prompts/safe-choice.prompt.js';
import { memberRoleLabel, mobileDigits, type BindingService } from '../src/identity/binding.service.js';
import { textsFor } from './dialog-deps.js';
import { senderOf } from '../src/identity/sender.js';
import { guardedTextPrompt } from './prompts/guarded-text.prompt.js';
import { retryWith } from './prompts/retry.js';
import { imBackChoice } from './prompts/guarded-choice.prompt.js';
import { UNIT_CHOOSER_DIALOG, UnitChooserDialog, type UnitChooserOptions } from './unit-chooser.dialog.js';

export const HOUSEHOLD_DIALOG = 'household';
const ACTION = 'household.action';
const NAME = 'household.name';
const PHONE = 'household.phone';
const ROLE = 'household.role';
const WHICH = 'household.which';

interface Values {
  unitId?: string;
  name?: string;
  phone?: string;
}

export class HouseholdDialog extends ComponentDialog {
  constructor(private readonly binding: BindingService) {
    super(HOUSEHOLD_DIALOG);
    this.addDialog(new UnitChooserDialog());
    this.addDialog(new HouseholdRemoveDialog(binding));
    this.addDialog(new SafeChoicePrompt(ACTION, undefined, 'zh-cn'));
    this.addDialog(new SafeChoicePrompt(ROLE, undefined, 'zh-cn'));
    this.addDialog(guardedTextPrompt(NAME, () => 20));
    this.addDialog(
      new TextPrompt(PHONE, async (p) => {
        if (mobileDigits(p.context.activity.text ?? '')) return true;
        retryWith(p, textsFor(p.context)('household.phoneFormat'));
        return false;
      }),
    );
    this.addDialog(
      new WaterfallDialog('household.steps', [
        this.pickUnit,
        this.showMembers,
        this.branch,
        this.askPhone,
        this.askRole,
        this.finish,
      ]),
    );
    this.initialDialogId = 'household.steps';
  }

  private pickUnit = async (step: WaterfallStepContext) =>
    step.beginDialog(UNIT_CHOOSER_DIALOG, { ownerOnly: true } satisfies UnitChooserOptions);

  private showMembers = async (step: WaterfallStepContext) => {
    const unitId = step.result as string | null;
    if (!unitId) {
      await step.context.sendActivity(textsFor(step.context)('household.notOwner'));
      return step.endDialog();
    }
    (step.values as Values).unitId = unitId;
    const sender = senderOf(step.context);
    const members = await this.binding.members(sender.personId ?? '', unitId);
    const label = sender.units.find((u) => u.unitId === unitId)?.label ?? '';
    const list = members
      .map((m) =>
        textsFor(step.context)('household.member', {
          name: m.name,
          role: memberRoleLabel(m.role, sender.locale),
          phone: m.phone,
        }),
      )
      .join('\n');
    return step.prompt(ACTION, {
      prompt: `${textsFor(step.context)('household.list', { unit: label, members: list })}\n${textsFor(step.context)('household.ask')}`,
      choices: [
        imBackChoice('add', textsFor(step.context)('household.add')),
        imBackChoice('remove', textsFor(step.context)('household.remove')),
      ],
      style: ListStyle.suggestedAction,
    });
  };

  private branch = async (step: WaterfallStepContext) => {
    if ((step.result as FoundChoice).value === 'add')
      return step.prompt(NAME, { prompt: textsFor(step.context)('household.askName') });
    return step.replaceDialog('household.remove', { unitId: (step.values as Values).unitId });
  };

  private askPhone = async (step: WaterfallStepContext) => {
    (step.values as Values).name = String(step.result).trim();
    return step.prompt(PHONE, { prompt: textsFor(step.context)('household.askPhone') });
  };

  private askRole = async (step: WaterfallStepContext) => {
    (step.values as Values).phone = mobileDigits(String(step.result)) ?? '';
    return step.prompt(ROLE, {
      prompt: textsFor(step.context)('household.askRole'),
      choices: [
        imBackChoice('FAMILY', textsFor(step.context)('household.role.FAMILY')),
        imBackChoice('TENANT', textsFor(step.context)('household.role.TENANT')),
      ],
      style: ListStyle.suggestedAction,
    });
  };

  private finish = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    const role = (step.result as FoundChoice).value === 'TENANT' ? 'TENANT' : 'FAMILY';
    const sender = senderOf(step.context);
    const m = await this.binding.addMember(
      sender.personId ?? '',
      v.unitId ?? '',
      { name: v.name ?? '', phone: v.phone ?? '', role },
      sender.locale,
    );
    await step.context.sendActivity(
      textsFor(step.context)('household.added', {
        name: m.name,
        role: memberRoleLabel(role, sender.locale),
        phone: m.phone,
      }),
    );
    return step.endDialog();
  };
}

/** The remove branch as its own small dialog, so the member list is read fresh when it starts (and once only). */
export class HouseholdRemoveDialog extends ComponentDialog {
  constructor(private readonly binding: BindingService) {
    super('household.remove');
    this.addDialog(new SafeChoicePrompt(WHICH, undefined, 'zh-cn'));
    this.addDialog(new WaterfallDialog('household.remove.steps', [this.ask, this.remove]));
    this.initialDialogId = 'household.remove.steps';
  }

  private ask = async (step: WaterfallStepContext) => {
    const { unitId } = step.options as { unitId: string };
    const sender = senderOf(step.context);
    const removable = (await this.binding.members(sender.personId ?? '', unitId)).filter((m) => m.role !== 'OWNER');
    if (removable.length === 0) {
      await step.context.sendActivity(textsFor(step.context)('household.nobody'));
      return step.endDialog();
    }
    // Names by person id, for the answer after the pick (no second read of the list).
    (step.values as { names?: Record<string, string> }).names = Object.fromEntries(
      removable.map((m) => [m.personId, m.name]),
    );
    return step.prompt(WHICH, {
      prompt: textsFor(step.context)('household.askWhich'),
      choices: removable.map((m) => imBackChoice(m.personId, m.name)),
      style: ListStyle.suggestedAction,
    });
  };

  private remove = async (step: WaterfallStepContext) => {
    const { unitId } = step.options as { unitId: string };
    const picked = step.result as FoundChoice;
    const sender = senderOf(step.context);
    const name = (step.values as { names?: Record<string, string> }).names?.[picked.value] ?? '';
    await this.binding.removeMember(sender.personId ?? '', unitId, picked.value, sender.locale);
    await step.context.sendActivity(textsFor(step.context)('household.removed', { name }));
    return step.endDialog();
  };
}
