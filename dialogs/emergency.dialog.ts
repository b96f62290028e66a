// 特发事件: the kind (read by the recogniser from the first message, "电梯困人了"), then — at once — safety advice,
// the estate's emergency phone and an EMERGENCY ticket with the supervisors pinged. Open to unbound accounts too:
// nobody stuck in a lift should have to bind a flat first.
import { ComponentDialog, TextPrompt, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import {
  emergencyAdviceText,
  EMERGENCY_TYPE_OF_KIND,
  EMERGENCY_TYPES,
  emergencyTypeName,
  guessEmergencyType,
  parseEmergencyType,
  type EmergencyType,
} from '../src/complaints/emergency.js';
import { EMERGENCY_KINDS, type EmergencyKind } from '../src/nlu/labels.js';
import { freeText, understoodOf } from './understood.js';
import { senderOf } from '../src/identity/sender.js';
import { textsFor, type DialogDeps } from './dialog-deps.js';

export const EMERGENCY_DIALOG = 'emergency';
const TYPE = 'emergency.type';

export class EmergencyDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(EMERGENCY_DIALOG);
    // Any answer is accepted: an unclear one is 其他紧急 — never make someone in trouble retry.
    this.addDialog(new TextPrompt(TYPE));
    this.addDialog(new WaterfallDialog('emergency.steps', [this.askType, this.report]));
    this.initialDialogId = 'emergency.steps';
  }

  private askType = async (step: WaterfallStepContext) => {
    const u = understoodOf(step.options);
    const kind = u?.sub && (EMERGENCY_KINDS as readonly string[]).includes(u.sub) ? (u.sub as EmergencyKind) : null;
    const guess = kind ? EMERGENCY_TYPE_OF_KIND[kind] : guessEmergencyType(u?.text ?? '');
    if (guess) return step.next(guess);
    const sender = senderOf(step.context);
    const list = EMERGENCY_TYPES.map((t, i) => `${i + 1}. ${emergencyTypeName(t, sender.locale)}`).join('\n');
    return step.prompt(TYPE, {
      prompt: textsFor(step.context)('emergency.askType', { list, phone: sender.estate.emergencyPhone }),
    });
  };

  private report = async (step: WaterfallStepContext) => {
    const picked = typeof step.result === 'string' ? step.result.trim() : '';
    const type: EmergencyType = parseEmergencyType(picked) ?? '其他紧急';
    const sender = senderOf(step.context);
    // Advice first: it must not wait for the database.
    await step.context.sendActivity(emergencyAdviceText(type, sender.estate.emergencyPhone, sender.locale));
    // The owner's own words: the message that started it, else the answer to the kind question.
    const said = (freeText(understoodOf(step.options)) ?? step.context.activity.text ?? '').trim();
    const first = sender.units[0];
    const ticket = await this.deps.complaints.reportEmergency({
      estate: sender.estate,
      personId: sender.personId ?? `identity:${sender.identityId}`,
      unitId: first?.unitId ?? null,
      type,
      // A bare menu pick ("2", "电梯困人") says nothing more than the type.
      description:
        !said || /^\d+$/.test(said) || (EMERGENCY_TYPES as readonly string[]).includes(said)
          ? type
          : said.slice(0, 500),
      location: first ? `业主 ${first.label}（具体位置请电话确认）` : '未说明（请联系报告人）',
      reporter: {
        actor: sender.personId ? `person:${sender.personId}` : `identity:${sender.identityId}`,
        name: sender.name ?? (sender.personId ? '业主' : '未绑定用户'),
      },
    });
    // Tell the truth: "已通知" only when a staff chat exists to receive it (#19: a notice that reaches nobody).
    const reached = await this.deps.complaints.emergencyReach(sender.estate.id);
    await step.context.sendActivity(
      textsFor(step.context)(reached > 0 ? 'emergency.notified' : 'emergency.nobody', {
        number: ticket.number,
        phone: sender.estate.emergencyPhone,
      }),
    );
    return step.endDialog();
  };
}
