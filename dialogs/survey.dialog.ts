// 满意度调查: the monthly survey as a chat. It starts when the owner answers the invitation (a score for question 1,
// or "开始"), or says "满意度调查"; it asks the questions that are still unanswered, then the free-text opinion.
// Each answer is saved as it comes (SurveyResponse.answers), so a restart, a 取消 or a day's pause loses nothing: the
// next message or "满意度调查" goes on at the next unanswered question. A bad score is refused with a clear answer and
// the question asked again. "不再调查" at any question opts out; "订阅调查" opts back in.
import type { TurnContext } from 'botbuilder';
import { ComponentDialog, TextPrompt, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { checkText } from '../src/bot/input-guard.js';
import { senderOf } from '../src/identity/sender.js';
import { emergencyRules } from '../src/nlu/emergency-rules.js';
import { isNoOpinion, matchSurveyWord, parseScore } from '../src/survey/survey.rules.js';
import {
  MAX_OPINION,
  questionLabel,
  surveyWords,
  type SurveyService,
  type SurveyState,
} from '../src/survey/survey.service.js';
import { textsFor } from './dialog-deps.js';
import { retryWith } from './prompts/retry.js';
import { understoodOf } from './understood.js';

export const SURVEY_DIALOG = 'survey';
const STEPS = 'survey.steps';
const SCORE = 'survey.scorePrompt';
const OPINION = 'survey.opinionPrompt';

/** Set when the dialog loops to its next question (not a fresh start: no 继续 line, the start text is not reused). */
interface LoopOptions {
  loop?: boolean;
}

const START_WORDS = /^(开始|参加|好的|好|可以|行|start|ok)$/i;

/** A message that names a danger ("着火了") is no score and no opinion to file away: it gets the emergency phone. */
function dangerNote(context: TurnContext, text: string): string | null {
  const { danger, cue } = emergencyRules(text);
  return danger && !cue
    ? textsFor(context)('nlu.dangerNote', { phone: senderOf(context).estate.emergencyPhone })
    : null;
}

export class SurveyDialog extends ComponentDialog {
  constructor(private readonly surveys: SurveyService) {
    super(SURVEY_DIALOG);
    this.addDialog(
      new TextPrompt(SCORE, async (p) => {
        const tr = textsFor(p.context);
        const problem = checkText(p.context.activity, 50);
        const text = p.recognized.value ?? '';
        if (!problem && (parseScore(text) !== null || matchSurveyWord(text) === 'optOut')) return true;
        const note = dangerNote(p.context, text);
        const why = problem ? tr(problem.key, problem.params) : tr('survey.badScore');
        retryWith(p, note ? `${note}\n${why}` : why);
        return false;
      }),
    );
    this.addDialog(
      new TextPrompt(OPINION, async (p) => {
        const problem = checkText(p.context.activity, MAX_OPINION);
        if (!problem) return true;
        retryWith(p, textsFor(p.context)(problem.key, problem.params));
        return false;
      }),
    );
    this.addDialog(new WaterfallDialog(STEPS, [this.ask, this.take]));
    this.initialDialogId = STEPS;
  }

  private ask = async (step: WaterfallStepContext) => {
    const tr = textsFor(step.context);
    const sender = senderOf(step.context);
    const loop = (step.options as LoopOptions | undefined)?.loop === true;
    const u = loop ? null : understoodOf(step.options);
    if (sender.personId === null || sender.units.length === 0) {
      await step.context.sendActivity(tr('survey.notBound', { bind: surveyWords(sender.locale).bind }));
      return step.endDialog();
    }
    const personId = sender.personId;
    if (u?.sub === 'optOut') return this.optOut(step, personId);
    if (u?.sub === 'optIn') {
      const done = await this.surveys.optIn(personId);
      await step.context.sendActivity(tr(done ? 'survey.optedIn' : 'survey.notOptedOut'));
      return step.endDialog();
    }
    let state = await this.surveys.openState(personId, sender.estate.timezone);
    if (!state) {
      await step.context.sendActivity(tr('survey.none'));
      return step.endDialog();
    }
    const answered = Object.keys(state.answers).length;
    let lead: string | null = null;
    if (u?.sub === 'reply' && answered === 0 && !START_WORDS.test(u.text.trim())) {
      // The invitation asked question 1: a score in the reply is its answer.
      const score = parseScore(u.text);
      if (score !== null) state = await this.surveys.answer(state, score);
    } else if (!loop && answered > 0) {
      lead = tr('survey.resume', { done: answered });
    }
    return this.askNext(step, state, lead);
  };

  /** The next question as one message (with `lead` before it: one message per turn keeps WeChat sends few). */
  private askNext(step: WaterfallStepContext, state: SurveyState, lead: string | null) {
    const tr = textsFor(step.context);
    const q = state.questions[state.next];
    const question = q
      ? tr('survey.question', {
          n: state.next + 1,
          total: state.questions.length,
          label: questionLabel(q, senderOf(step.context).locale),
        })
      : tr('survey.opinion', { max: MAX_OPINION });
    const prompt = lead ? `${lead}\n${question}` : question;
    return step.prompt(q ? SCORE : OPINION, { prompt });
  }

  private take = async (step: WaterfallStepContext) => {
    const tr = textsFor(step.context);
    const sender = senderOf(step.context);
    const personId = sender.personId;
    const text = typeof step.result === 'string' ? step.result : '';
    if (!personId) return step.endDialog();
    if (matchSurveyWord(text) === 'optOut') return this.optOut(step, personId);
    // The database, not the dialog's memory, says which question this answers (a restart, a second chat account).
    const state = await this.surveys.openState(personId, sender.estate.timezone);
    if (!state) {
      await step.context.sendActivity(tr('survey.none'));
      return step.endDialog();
    }
    if (state.next < state.questions.length) {
      const score = parseScore(text);
      if (score !== null) await this.surveys.answer(state, score);
      return step.replaceDialog(STEPS, { loop: true } satisfies LoopOptions);
    }
    const opinion = isNoOpinion(text) ? null : text;
    await this.surveys.finish(state, opinion);
    const thanks = tr(opinion ? 'survey.thanksOpinion' : 'survey.thanks', { month: state.period });
    const note = opinion ? dangerNote(step.context, opinion) : null;
    await step.context.sendActivity(note ? `${thanks}\n${note}` : thanks);
    return step.endDialog();
  };

  private async optOut(step: WaterfallStepContext, personId: string) {
    const tr = textsFor(step.context);
    const done = await this.surveys.optOut(personId);
    await step.context.sendActivity(
      tr(done ? 'survey.optedOut' : 'survey.alreadyOptedOut', {
        optIn: surveyWords(senderOf(step.context).locale).optIn,
      }),
    );
    return step.endDialog();
  }
}
