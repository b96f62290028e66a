// 来访登记: unit (when several) → visitor's name → day → car plate or "没有" → a one-time 6-digit code for the visitor
// to show at the gate or desk (访客核销). Each answer is checked where it is given and asked again when wrong.
import type { TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { senderOf } from '../src/identity/sender.js';
import {
  nameProblem,
  readPlate,
  readVisitDate,
  visitorSettings,
  type VisitorService,
} from '../src/permits/visitor.service.js';
import { AppError } from '../src/shared/app-error.js';
import { checkedTextPrompt } from './prompts/checked-text.prompt.js';
import { textsFor } from './dialog-deps.js';
import { UNIT_CHOOSER_DIALOG, UnitChooserDialog } from './unit-chooser.dialog.js';

export const VISITOR_DIALOG = 'visitor';

const NAME = 'visitor.name';
const DATE = 'visitor.date';
const PLATE = 'visitor.plate';

interface Values {
  unitId?: string;
  unitLabel?: string;
  name?: string;
  date?: string;
}

function who(context: TurnContext) {
  const sender = senderOf(context);
  if (!sender.personId) throw new AppError('NOT_BOUND', 'visitor: not bound');
  return { sender, personId: sender.personId, estate: sender.estate };
}

export class VisitorDialog extends ComponentDialog {
  constructor(private readonly visitors: VisitorService) {
    super(VISITOR_DIALOG);
    this.addDialog(new UnitChooserDialog());
    this.addDialog(checkedTextPrompt(NAME, 20, (text) => nameProblem(text)));
    this.addDialog(
      checkedTextPrompt(DATE, 30, (text, p) => {
        const { estate } = who(p.context);
        const r = readVisitDate(text, visitors.today(estate), visitorSettings(estate));
        return 'key' in r ? r : null;
      }),
    );
    this.addDialog(
      checkedTextPrompt(PLATE, 20, (text) => {
        const r = readPlate(text);
        return 'key' in r ? r : null;
      }),
    );
    this.addDialog(new WaterfallDialog('visitor.steps', [this.unit, this.name, this.date, this.plate, this.register]));
    this.initialDialogId = 'visitor.steps';
  }

  private unit = async (step: WaterfallStepContext) => step.beginDialog(UNIT_CHOOSER_DIALOG, {});

  private name = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    const { sender } = who(step.context);
    const unit = sender.units.find((u) => u.unitId === step.result);
    if (!unit) return step.endDialog();
    v.unitId = unit.unitId;
    v.unitLabel = unit.label;
    return step.prompt(NAME, { prompt: textsFor(step.context)('visitor.askName', { unit: unit.label }) });
  };

  private date = async (step: WaterfallStepContext) => {
    (step.values as Values).name = String(step.result).trim();
    const { estate } = who(step.context);
    return step.prompt(DATE, {
      prompt: textsFor(step.context)('visitor.askDate', { maxDays: visitorSettings(estate).maxDaysAhead }),
    });
  };

  private plate = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    const { estate } = who(step.context);
    const r = readVisitDate(String(step.result), this.visitors.today(estate), visitorSettings(estate));
    v.date = 'day' in r ? r.day : '';
    return step.prompt(PLATE, { prompt: textsFor(step.context)('visitor.askPlate') });
  };

  private register = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    const { personId, estate } = who(step.context);
    const plate = readPlate(String(step.result));
    const carPlate = 'plate' in plate ? plate.plate : null;
    const { pass, code } = await this.visitors.register(
      { estate, unitId: v.unitId ?? '', unitLabel: v.unitLabel ?? '', personId },
      { visitorName: v.name ?? '', visitDate: v.date ?? '', carPlate },
    );
    const tr = textsFor(step.context);
    await step.context.sendActivity(
      tr('visitor.registered', {
        name: pass.visitorName,
        date: pass.visitDate,
        plate: pass.carPlate ? tr('visitor.plateSuffix', { plate: pass.carPlate }) : '',
        code,
      }),
    );
    return step.endDialog();
  };
}
