// 办卡/补卡/退卡: unit (when several) → which (unless the command word said it) → an optional note → a desk ticket
// (kind REQUEST) with its number and the promised time; staff work it like any ticket (认领 / 办结).
import type { TurnContext } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { ComplaintService } from '../src/complaints/complaint.service.js';
import { senderOf } from '../src/identity/sender.js';
import { fileCardRequest, isCardKind, pickCardKind, type CardKind } from '../src/permits/card-request.js';
import { AppError } from '../src/shared/app-error.js';
import { checkedTextPrompt } from './prompts/checked-text.prompt.js';
import { textsFor } from './dialog-deps.js';
import { understoodOf } from './understood.js';
import { UNIT_CHOOSER_DIALOG, UnitChooserDialog } from './unit-chooser.dialog.js';

export const ACCESS_CARD_DIALOG = 'access-card';

const KIND = 'access-card.kind';
const NOTE = 'access-card.note';
const NOTHING = /^(没有|无|不用|没|no|none)$/i;

interface Values {
  kind?: CardKind;
  unitId?: string;
  unitLabel?: string;
}

function who(context: TurnContext) {
  const sender = senderOf(context);
  if (!sender.personId) throw new AppError('NOT_BOUND', 'access card: not bound');
  return { sender, personId: sender.personId, estate: sender.estate };
}

export class AccessCardDialog extends ComponentDialog {
  constructor(private readonly complaints: ComplaintService) {
    super(ACCESS_CARD_DIALOG);
    this.addDialog(new UnitChooserDialog());
    this.addDialog(checkedTextPrompt(KIND, 20, (text) => (pickCardKind(text) ? null : { key: 'card.noOption' })));
    this.addDialog(checkedTextPrompt(NOTE, 100, () => null));
    this.addDialog(new WaterfallDialog('access-card.steps', [this.unit, this.kind, this.note, this.file]));
    this.initialDialogId = 'access-card.steps';
  }

  private unit = async (step: WaterfallStepContext) => {
    const sub = understoodOf(step.options)?.sub;
    if (isCardKind(sub)) (step.values as Values).kind = sub;
    return step.beginDialog(UNIT_CHOOSER_DIALOG, {});
  };

  private kind = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    const unit = who(step.context).sender.units.find((u) => u.unitId === step.result);
    if (!unit) return step.endDialog();
    v.unitId = unit.unitId;
    v.unitLabel = unit.label;
    if (v.kind) return step.next(v.kind);
    return step.prompt(KIND, { prompt: textsFor(step.context)('card.ask') });
  };

  private note = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    v.kind = isCardKind(String(step.result)) ? (step.result as CardKind) : (pickCardKind(String(step.result)) ?? 'new');
    const tr = textsFor(step.context);
    return step.prompt(NOTE, {
      prompt: tr('card.askNote', { kind: tr(`card.kind.${v.kind}`), unit: v.unitLabel ?? '' }),
    });
  };

  private file = async (step: WaterfallStepContext) => {
    const v = step.values as Values;
    const { personId, estate } = who(step.context);
    const text = String(step.result)
      .trim()
      .replace(/[。.！!]+$/u, '');
    const created = await fileCardRequest(this.complaints, {
      estate,
      personId,
      unitId: v.unitId ?? '',
      unitLabel: v.unitLabel ?? '',
      kind: v.kind ?? 'new',
      note: NOTHING.test(text) ? null : text,
    });
    const tr = textsFor(step.context);
    await step.context.sendActivity(
      tr('card.filed', {
        kind: tr(`card.kind.${v.kind ?? 'new'}`),
        number: created.ticket.number,
        ack: created.ackText,
        due: created.ackDueLocal,
      }),
    );
    return step.endDialog();
  };
}
