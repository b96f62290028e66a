// The main dialog: every message that no flow is waiting for is understood here. Exact command words (menu buttons,
// the words our own messages ask for) start their flow; anything else goes to the recogniser and its score decides:
// high → the flow starts with what was understood; middle → one confirmation with buttons; low → "没听懂" and the
// menu, and after two misses in a row a one-tap 转人工. Emergencies come first: filed at once on a danger word, or one
// yes/no question that shows the emergency phone when the recogniser is unsure.
import { MessageFactory } from 'botbuilder';
import {
  ListStyle,
  WaterfallDialog,
  type Choice,
  type DialogTurnResult,
  type FoundChoice,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { SafeChoicePrompt } from './prompts/safe-choice.prompt.js';
import { matchInterruption, matchLanguage, STAFF_BIND } from '../src/bot/intents.js';
import { checkText, looksLikeChatHistory, MAX_TEXT } from '../src/bot/input-guard.js';
import { translator, type Locale, type MessageKey, type Translate } from '../src/i18n/index.js';
import { zhCN } from '../src/i18n/zh-CN.js';
import type { BindingService } from '../src/identity/binding.service.js';
import { staffBindText } from '../src/identity/binding.replies.js';
import type { IdentityService } from '../src/identity/identity.service.js';
import { senderOf, setSender } from '../src/identity/sender.js';
import { emergencyRules } from '../src/nlu/emergency-rules.js';
import type { EmergencyKind } from '../src/nlu/labels.js';
import type { Candidate, Recognizer, Understanding } from '../src/nlu/recognizer.js';
import { readSlots } from '../src/nlu/slots.js';
import type { ComplaintService } from '../src/complaints/complaint.service.js';
import { BINDING_DIALOG, type BindingOptions, type BindingResult } from './binding.dialog.js';
import { textsFor, type DialogDeps } from './dialog-deps.js';
import {
  flowForSub,
  flowOf,
  FLOWS,
  helpText,
  isHelpCommand,
  matchCommand,
  menuChoices,
  type Flow,
} from './flow-registry.js';
import { HANDOFF_DIALOG } from './handoff.dialog.js';
import { SURVEY_DIALOG, SurveyDialog } from './survey.dialog.js';
import { matchSurveyWord, startsSurvey } from '../src/survey/survey.rules.js';
import type { SurveyService } from '../src/survey/survey.service.js';
import { asksForNotices, faqAnswer, keywordDialogs, NOTICES_DIALOG } from './keyword-routes.js';
import { InterruptibleDialog } from './interruptible.dialog.js';
import { retryWith } from './prompts/retry.js';
import { imBackChoice } from './prompts/guarded-choice.prompt.js';
import type { FlowOptions, Understood } from './understood.js';

export const MAIN_DIALOG = 'main';
const STEPS = 'main.steps';
const MENU = 'main.menu';
const CONFIRM = 'main.confirm';
const EMERGENCY_CHECK = 'main.emergencyCheck';

/** A later message to understand in place of the turn's own (after a prompt accepted free text). */
interface MainOptions {
  misses?: number;
}

interface Pick {
  intent: string;
  sub: string | null;
}

type Pending =
  | { kind: 'menu'; misses: number }
  | { kind: 'confirm'; picks: Pick[]; text: string; misses: number }
  | { kind: 'emergency'; emergencyKind: EmergencyKind | null; fallback: Pick | null; text: string };

interface Values {
  pending?: Pending;
  /** The flow to continue into after the binding gate. */
  then?: { intent: string; understood: Understood };
}

/** Menu validations carried by the prompt: how many misses came before it. */
interface MenuValidations {
  misses: number;
}

/** "投诉噪音", "申请装修延期": a candidate as the owner reads it on a button. */
export function labelOf(tr: Translate, intent: string, sub: string | null): string {
  if (intent === 'complaint' && sub) return tr('nlu.label.complaint.category', { category: sub });
  const specific = `nlu.label.${intent}.${sub ?? ''}`;
  if (sub && specific in zhCN) return tr(specific as MessageKey);
  const general = `nlu.label.${intent}`;
  return general in zhCN ? tr(general as MessageKey) : intent;
}

/** A refused message that names a danger still shows the emergency phone (nothing is filed from it). */
function withDangerNote(tr: Translate, answer: string, text: string, phone: string): string {
  const { danger, cue } = emergencyRules(text);
  return danger && !cue ? `${answer}\n${tr('nlu.dangerNote', { phone })}` : answer;
}

const otherLanguageWord = (locale: Locale) => (locale === 'en' ? '中文' : 'English');

export function helpFor(tr: Translate, estate: { deskPhone: string; emergencyPhone: string }, locale: Locale): string {
  return helpText(tr, estate, otherLanguageWord(locale));
}

/**
 * #17: whether the main dialog answers `text`, as the first message of an account it has never seen, with nothing that
 * needs a record — the greeting and menu, 帮助, thanks, a 取消 with nothing to cancel, or "not understood" (the menu
 * again). Mirrors `understand` / `decide` below and errs towards "needs a record": anything that may start a flow,
 * ask back (confirm, emergency check), switch language or bind is false, and the account is created first.
 */
export function answersWithoutRecord(text: string, recognizer: Recognizer): boolean {
  const interruption = matchInterruption(text);
  if (interruption === 'cancel') return true;
  if (interruption === 'handoff') return false;
  if (matchLanguage(text) || STAFF_BIND.test(text.trim())) return false;
  if (checkText({ text }, MAX_TEXT) || looksLikeChatHistory(text)) return false;
  if (isHelpCommand(text)) return true;
  if (matchCommand(text)) return false;
  const u = recognizer.recognize(text);
  if (u.emergency.decision !== 'none') return false;
  const top = u.candidates[0];
  if (!top) return true;
  if (top.intent === 'greeting' || top.intent === 'thanks') return true;
  if (top.intent === 'help' && u.band !== 'low') return true;
  const best = flowOf(top.intent);
  return !(best && (u.band === 'high' || u.band === 'middle'));
}

export class MainDialog extends InterruptibleDialog {
  protected readonly handoffDialogId = HANDOFF_DIALOG;
  private readonly binding: BindingService;
  private readonly complaints: ComplaintService;
  private readonly identity: IdentityService;
  private readonly recognizer: Recognizer;
  private readonly surveys: SurveyService;

  constructor(deps: DialogDeps) {
    super(MAIN_DIALOG);
    this.binding = deps.binding;
    this.complaints = deps.complaints;
    this.identity = deps.identity;
    this.recognizer = deps.recognizer;
    this.surveys = deps.surveys;
    this.addDialog(new SafeChoicePrompt(MENU, (p) => this.validateMenu(p), 'zh-cn'));
    this.addDialog(new SafeChoicePrompt(CONFIRM, (p) => this.acceptChoiceOrText(p), 'zh-cn'));
    this.addDialog(new SafeChoicePrompt(EMERGENCY_CHECK, (p) => this.acceptChoiceOrText(p), 'zh-cn'));
    for (const flow of FLOWS) this.addDialog(flow.create(deps));
    // Not a registry flow: it has no recogniser intent; its words and the invitation's replies are matched below.
    this.addDialog(new SurveyDialog(deps.surveys));
    for (const dialog of keywordDialogs(deps)) this.addDialog(dialog);
    this.addDialog(new WaterfallDialog(STEPS, [this.understand, this.resolve, this.afterBinding]));
    this.initialDialogId = STEPS;
  }

  // ---- step 1: understand the message -----------------------------------------------------------------------

  private understand = async (step: WaterfallStepContext) => {
    const tr = textsFor(step.context);
    const sender = senderOf(step.context);
    const misses = (step.options as MainOptions | undefined)?.misses ?? 0;
    const text = step.context.activity.text ?? '';
    if (misses === 0) {
      if (matchInterruption(text) === 'cancel') {
        await step.context.sendActivity(tr('cancel.nothing'));
        return step.endDialog();
      }
      // A bare "5" / "满意" / "没解决" answers a pending 回访 survey.
      const surveyReply = await this.complaints.answerPendingSurvey(sender.personId, text, sender.locale);
      if (surveyReply) {
        await step.context.sendActivity(surveyReply);
        return step.endDialog();
      }
      // 满意度调查 / 不再调查 / 订阅调查, and a reply to this month's invitation ("5", "开始").
      const surveyWord = matchSurveyWord(text);
      if (surveyWord) return step.replaceDialog(SURVEY_DIALOG, { understood: this.understood(text, surveyWord, true) });
      if (
        sender.personId &&
        startsSurvey(text) &&
        (await this.surveys.openState(sender.personId, sender.estate.timezone))
      )
        return step.replaceDialog(SURVEY_DIALOG, { understood: this.understood(text, 'reply', false) });
    }
    const language = matchLanguage(text);
    if (language) return this.switchLanguage(step, language);
    if (STAFF_BIND.test(text.trim())) {
      // Unbound staff reach this through the dialogs (the command router only runs account commands for bound ones).
      const r = await this.binding.bindStaffCode(
        sender.identityId,
        text
          .trim()
          .replace(/^员工绑定/, '')
          .trim(),
        sender.locale,
        sender.estate.id,
      );
      await step.context.sendActivity(staffBindText(r, sender.estate, sender.locale));
      return step.endDialog();
    }
    // Bad input: a clear answer, nothing filed, nothing started (a danger word still gets the emergency phone).
    const problem = checkText(step.context.activity, MAX_TEXT);
    const pasted = !problem && looksLikeChatHistory(text);
    if (problem || pasted) {
      const answer = problem ? tr(problem.key, problem.params) : tr('input.chatHistory');
      await step.context.sendActivity(withDangerNote(tr, answer, text, sender.estate.emergencyPhone));
      return step.endDialog();
    }
    if (isHelpCommand(text)) return this.sendHelp(step);
    const command = matchCommand(text);
    if (command) return this.startFlow(step, command.flow, this.understood(text, command.sub, true));
    // #20: the recent notices and the estate's FAQ, by keyword (dialogs/keyword-routes.ts).
    if (asksForNotices(text)) return step.replaceDialog(NOTICES_DIALOG);
    const faq = faqAnswer(tr, sender.estate, text);
    if (faq) {
      await step.context.sendActivity(faq);
      return step.endDialog();
    }
    return this.decide(step, this.recognizer.recognize(text), misses);
  };

  /** What the recogniser's answer leads to. */
  private async decide(step: WaterfallStepContext, u: Understanding, misses: number): Promise<DialogTurnResult> {
    const tr = textsFor(step.context);
    const sender = senderOf(step.context);
    const top = u.candidates[0]!;
    if (u.emergency.decision === 'file')
      return this.startFlow(step, flowOf('emergency')!, this.understood(u.text, u.emergency.kind, false));
    if (u.emergency.decision === 'ask') {
      const fallback = u.candidates.find((c) => c.intent !== 'emergency' && flowOf(c.intent));
      const values = step.values as Values;
      values.pending = {
        kind: 'emergency',
        emergencyKind: u.emergency.kind,
        fallback: fallback && fallback.score >= 0.35 ? { intent: fallback.intent, sub: fallback.sub } : null,
        text: u.text,
      };
      return step.prompt(EMERGENCY_CHECK, {
        prompt: tr('nlu.emergencyCheck', { phone: sender.estate.emergencyPhone }),
        choices: [
          imBackChoice('yes', tr('nlu.emergencyYes'), ['是', '是的', '对', '有', '紧急', '危险', '快来', 'yes']),
          imBackChoice('no', tr('nlu.emergencyNo'), ['否', '不', '没有', '不紧急', '不是', 'no']),
        ],
        style: ListStyle.suggestedAction,
      });
    }
    switch (top.intent) {
      case 'greeting':
        return this.showMenu(step, tr('menu.greeting', { estate: sender.estate.name }), 0);
      case 'thanks':
        await step.context.sendActivity(tr('nlu.thanks'));
        return step.endDialog();
      case 'help':
        if (u.band !== 'low') return this.sendHelp(step);
        break;
      default:
        break;
    }
    const flows = u.candidates.filter((c) => flowOf(c.intent) && c.score >= 0.15);
    const best = flowOf(top.intent);
    if (best && u.band === 'high') return this.startFlow(step, best, this.understood(u.text, top.sub, false, u));
    if (best && u.band === 'middle') return this.confirm(step, flows.slice(0, 2), u.text, misses);
    return this.showMenu(step, tr(misses + 1 >= 2 ? 'nlu.secondMiss' : 'menu.retry'), misses + 1);
  }

  private understood(text: string, sub: string | null, command: boolean, u?: Understanding): Understood {
    return { text, sub, slots: u?.slots ?? readSlots(text), command };
  }

  /** The menu; `misses` ≥ 2 adds the one-tap 转人工. */
  private showMenu(step: WaterfallStepContext, prompt: string, misses: number): Promise<DialogTurnResult> {
    const tr = textsFor(step.context);
    (step.values as Values).pending = { kind: 'menu', misses };
    return step.prompt(MENU, {
      prompt,
      retryPrompt: tr('menu.retry'),
      choices: this.menuWithHandoff(tr, misses),
      style: ListStyle.suggestedAction,
      validations: { misses } satisfies MenuValidations,
    });
  }

  private menuWithHandoff(tr: Translate, misses: number): Choice[] {
    const menu = menuChoices(tr);
    return misses >= 2 ? [...menu, imBackChoice('handoff', tr('menu.handoff'))] : menu;
  }

  private confirm(step: WaterfallStepContext, picks: Candidate[], text: string, misses: number) {
    const tr = textsFor(step.context);
    const labels = picks.map((c) => labelOf(tr, c.intent, c.sub));
    (step.values as Values).pending = {
      kind: 'confirm',
      picks: picks.map((c) => ({ intent: c.intent, sub: c.sub })),
      text,
      misses,
    };
    const yes = picks.length === 1 ? ['是', '是的', '对', '好', '嗯', 'yes'] : [];
    return step.prompt(CONFIRM, {
      prompt:
        labels.length === 2
          ? tr('nlu.confirmTwo', { a: labels[0]!, b: labels[1]! })
          : tr('nlu.confirmOne', { a: labels[0]! }),
      choices: [
        ...labels.map((l, i) => imBackChoice(`pick${i}`, l, i === 0 ? yes : [])),
        imBackChoice('neither', tr('nlu.neither'), ['不是', '都不对', '否', 'no', 'neither']),
      ],
      style: ListStyle.suggestedAction,
    });
  }

  // ---- prompts: bad input stays at the question; other text is understood afresh ------------------------------

  private async validateMenu(p: Parameters<ConstructorParameters<typeof SafeChoicePrompt>[1] & {}>[0]) {
    const problem = checkText(p.context.activity, MAX_TEXT);
    if (problem) {
      retryWith(p, textsFor(p.context)(problem.key, problem.params));
      return false;
    }
    const text = p.context.activity.text ?? '';
    const tr = textsFor(p.context);
    // Before the choice recogniser: a pasted history that mentions "物业" is not the 物业费 button.
    if (looksLikeChatHistory(text)) {
      retryWith(p, withDangerNote(tr, tr('input.chatHistory'), text, senderOf(p.context).estate.emergencyPhone));
      return false;
    }
    if (p.recognized.succeeded) return true;
    if (matchCommand(text) || isHelpCommand(text) || matchLanguage(text)) return true;
    const u = this.recognizer.recognize(text);
    if (u.emergency.decision !== 'none' || (u.band !== 'low' && u.candidates[0]!.intent !== 'none')) return true;
    // Another miss: the second in a row offers 转人工 with one tap.
    const misses = ((p.options.validations as MenuValidations | undefined)?.misses ?? 0) + p.attemptCount;
    p.options.choices = this.menuWithHandoff(tr, misses);
    p.options.retryPrompt = MessageFactory.text(tr(misses >= 2 ? 'nlu.secondMiss' : 'menu.retry'));
    return false;
  }

  private async acceptChoiceOrText(p: Parameters<ConstructorParameters<typeof SafeChoicePrompt>[1] & {}>[0]) {
    const problem = checkText(p.context.activity, MAX_TEXT);
    if (problem) {
      retryWith(p, textsFor(p.context)(problem.key, problem.params));
      return false;
    }
    return true;
  }

  // ---- step 2: the answer to a question of step 1 ----------------------------------------------------------

  private resolve = async (step: WaterfallStepContext) => {
    const values = step.values as Values;
    // Binding begun by step 1 (a personal flow asked for by an unbound account) ends here.
    if (values.then) return this.afterBinding(step);
    const pending = values.pending;
    const found = step.result as FoundChoice | undefined;
    const picked = found && typeof found === 'object' && 'value' in found ? found.value : null;
    if (!pending) return step.endDialog();
    const tr = textsFor(step.context);
    if (picked === null) {
      // Free text instead of a button: understood afresh, keeping the count of misses.
      const misses = pending.kind === 'emergency' ? 0 : pending.misses;
      return step.replaceDialog(STEPS, { misses: Math.max(misses, 1) } satisfies MainOptions);
    }
    switch (pending.kind) {
      case 'menu': {
        if (picked === 'help') return this.sendHelp(step);
        const flow = flowOf(picked);
        return flow ? this.startFlow(step, flow, this.understood(found!.value, null, true)) : step.endDialog();
      }
      case 'confirm': {
        const pick = picked.startsWith('pick') ? pending.picks[Number(picked.slice(4))] : undefined;
        const flow = pick && flowOf(pick.intent);
        if (pick && flow) return this.startFlow(step, flow, this.understood(pending.text, pick.sub, false), false);
        return this.showMenu(step, tr(pending.misses + 1 >= 2 ? 'nlu.secondMiss' : 'menu.retry'), pending.misses + 1);
      }
      case 'emergency': {
        if (picked === 'yes')
          return this.startFlow(
            step,
            flowOf('emergency')!,
            this.understood(pending.text, pending.emergencyKind, false),
          );
        const phone = senderOf(step.context).estate.emergencyPhone;
        await step.context.sendActivity(tr('nlu.emergencyNoted', { phone }));
        const fallback = pending.fallback && flowOf(pending.fallback.intent);
        if (pending.fallback && fallback)
          return this.startFlow(step, fallback, this.understood(pending.text, pending.fallback.sub, false));
        return step.endDialog();
      }
    }
  };

  // ---- starting a flow (through the binding gate) ----------------------------------------------------------

  private async startFlow(
    step: WaterfallStepContext,
    named: Flow,
    understood: Understood,
    announce = true,
  ): Promise<DialogTurnResult> {
    // A sub label another flow handles (renovation/apply → 装修申报) starts that flow.
    const flow = flowForSub(named, understood.sub);
    const tr = textsFor(step.context);
    // Say what was understood from free text (not after a button the owner just tapped, nor a command word).
    if (announce && !understood.command && !flow.announces)
      await step.context.sendActivity(tr('nlu.understood', { what: labelOf(tr, flow.intent, understood.sub) }));
    const sender = senderOf(step.context);
    if (flow.needsBoundUnit && (sender.personId === null || sender.units.length === 0)) {
      (step.values as Values).then = { intent: flow.intent, understood };
      return step.beginDialog(BINDING_DIALOG, { then: flow.intent, gated: true } satisfies BindingOptions);
    }
    return step.replaceDialog(flow.dialogId, { understood } satisfies FlowOptions);
  }

  private afterBinding = async (step: WaterfallStepContext) => {
    const r = step.result as BindingResult | undefined;
    const then = (step.values as Values).then;
    const flow = then && flowOf(then.intent);
    if (r?.bound && then && flow) return step.replaceDialog(flow.dialogId, { understood: then.understood });
    return step.endDialog();
  };

  private async sendHelp(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const sender = senderOf(step.context);
    await step.context.sendActivity(helpFor(textsFor(step.context), sender.estate, sender.locale));
    return step.endDialog();
  }

  /** "English" / "中文": this chat account is answered in that language from now on. */
  private async switchLanguage(step: WaterfallStepContext, locale: Locale): Promise<DialogTurnResult> {
    const sender = senderOf(step.context);
    await this.identity.setLocale(sender.identityId, locale);
    setSender(step.context, { ...sender, locale });
    step.context.activity.locale = locale === 'en' ? 'en-us' : 'zh-cn';
    const tr = translator(locale);
    const text = tr(locale === 'en' ? 'lang.toEn' : 'lang.toZh', { back: otherLanguageWord(locale) });
    const titles = menuChoices(tr).map((c) => String(c.action?.title ?? c.value));
    await step.context.sendActivity(MessageFactory.suggestedActions(titles, text));
    return step.endDialog();
  }
}
