// The monthly 满意度 survey (issue #20): planning a month's round into the outbox (quiet hours, opt-out, dedupe keys),
// the one reminder, the owner's answers (saved one at a time, so a restart loses nothing), and the results supervisors
// read (满意度, 意见列表, 意见转工单, the monthly report line). Rules and defaults: survey.rules.ts.
import type { Repositories } from '../db/repositories.js';
import type { ComplaintService } from '../complaints/complaint.service.js';
import type { EstateInfo } from '../estate/estate.service.js';
import { t, type Locale, type MessageKey, type Params } from '../i18n/index.js';
import { unitLabel } from '../identity/sender.js';
import type { Notifier } from '../notify/notifier.js';
import { releaseAt } from '../notify/quiet-hours.js';
import { AppError, userMessage } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { formatLocal, localDateKey, localParts } from '../shared/zoned-time.js';
import {
  aggregate,
  DEFAULT_SURVEY_QUESTIONS,
  opinionTargetIsDefault,
  answersOf,
  pickSample,
  questionsOf,
  roundIsDue,
  surveySettingsOf,
  type SurveyAggregate,
  type SurveyQuestion,
  type SurveySettings,
  type WorkdayCalendar,
} from './survey.rules.js';

/** The words the owner is told to reply (the dialog and the main dialog match them: survey.rules matchSurveyWord). */
export const SURVEY_WORDS = {
  start: '开始',
  resume: '满意度调查',
  optOut: '不再调查',
  optIn: '订阅调查',
  bind: '绑定',
} as const;

/** The same words for an owner who reads English (survey.rules and the flow registry accept them too). */
const SURVEY_WORDS_EN: Record<keyof typeof SURVEY_WORDS, string> = {
  start: 'start',
  resume: 'survey',
  optOut: 'stop surveys',
  optIn: 'resume surveys',
  bind: 'bind',
};

/** The survey words to show a reader of `locale`. */
export function surveyWords(locale: Locale): Record<keyof typeof SURVEY_WORDS, string> {
  return locale === 'en' ? SURVEY_WORDS_EN : SURVEY_WORDS;
}

/** A question's label for the reader: our default questions are translated; labels an estate set are its own data. */
export function questionLabel(q: SurveyQuestion, locale: Locale): string {
  const d = DEFAULT_SURVEY_QUESTIONS.find((x) => x.key === q.key);
  // survey.q.<key>: the keys of DEFAULT_SURVEY_QUESTIONS (service, repair, cleaning, security).
  return d && d.label === q.label ? t(locale, `survey.q.${d.key}` as MessageKey) : q.label;
}

/** Longest free-text opinion kept. */
export const MAX_OPINION = 500;

export interface SurveyEstate {
  id: string;
  name: string;
  timezone: string;
  settings: unknown;
}

export interface PlanResult {
  invited: number;
  skipped: number;
}

/** Where an owner stands in their open survey: the next question (or the opinion) to ask. */
export interface SurveyState {
  responseId: string;
  period: string;
  questions: SurveyQuestion[];
  answers: Record<string, number>;
  /** Index of the next unanswered question; === questions.length when only the opinion is left. */
  next: number;
}

const monthOf = (now: Date, tz: string) => localDateKey(now, tz).slice(0, 7);

export class SurveyService {
  constructor(
    private readonly repos: Pick<Repositories, 'survey' | 'outbox' | 'transaction'>,
    /** Writes the notices (over the composition root's channel registry). */
    private readonly notifier: Notifier,
    private readonly now: Clock,
    private readonly calendar: WorkdayCalendar,
  ) {}

  settings(estate: { settings: unknown }): SurveySettings {
    return surveySettingsOf(estate.settings);
  }

  estates(): Promise<SurveyEstate[]> {
    return this.repos.survey.estates();
  }

  // ── planning (the scheduler job) ──

  /**
   * Plans this month's round when it is due: the round row (questions frozen), then per invited owner the response
   * row and the invitation in one transaction. Planning again finds the rows and sends nothing twice; a run that
   * crashed half-way goes on with the same sample.
   */
  async planMonth(estate: SurveyEstate, now: Date): Promise<PlanResult> {
    const s = this.settings(estate);
    const tz = estate.timezone;
    const today = localDateKey(now, tz);
    const p = localParts(now, tz);
    if (!s.enabled || !roundIsDue(today, p.hour * 60 + p.minute, s, this.calendar)) return { invited: 0, skipped: 0 };
    const period = today.slice(0, 7);
    const existing = await this.repos.survey.findRound(estate.id, period);
    if (existing?.completedAt) return { invited: 0, skipped: 0 };
    const round =
      existing ??
      (await this.repos.survey.ensureRound({ estateId: estate.id, period, questions: s.questions, plannedAt: now }));
    const questions = questionsOf(round.questions);
    const sample = pickSample(
      await this.repos.survey.boundOwners(estate.id),
      await this.repos.survey.optOuts(),
      s,
      period,
    );
    const already = await this.repos.survey.invitedPeople(round.id);
    const notBefore = releaseAt('survey', now, tz);
    const text = (locale: Locale) =>
      t(locale, 'survey.invite', {
        estate: estate.name,
        month: period,
        count: questions.length,
        first: questions[0] ? questionLabel(questions[0], locale) : '',
        start: surveyWords(locale).start,
        optOut: surveyWords(locale).optOut,
      });
    let invited = 0;
    let skipped = 0;
    for (const c of sample) {
      if (already.has(c.personId)) continue;
      const ok = await this.repos.transaction(async (tx) => {
        const row = await tx.survey.createResponse({ roundId: round.id, ...c, invitedAt: now });
        if (!row) return false;
        const sent = await this.notifier.person(tx.outbox, c.personId, {
          kind: 'survey',
          // No buttons: on WeChat they become a numbered menu, and a score "2" would pick the second entry.
          message: (locale) => ({ text: text(locale) }),
          dedupeKey: `survey:${round.id}:invite:${c.personId}`,
          at: now,
          notBefore,
        });
        // An invitation that reaches nobody is not an invitation: no row, not counted as invited.
        if (sent === 0) await tx.survey.deleteResponse(row.id);
        return sent > 0;
      });
      if (ok) invited++;
      else skipped++;
    }
    await this.repos.survey.completeRound(round.id, now);
    return { invited, skipped };
  }

  /** The one reminder, `reminderAfterDays` after the invitation, to owners who have not finished this month's survey. */
  async remindMonth(estate: SurveyEstate, now: Date): Promise<number> {
    const s = this.settings(estate);
    if (!s.enabled) return 0;
    const period = monthOf(now, estate.timezone);
    const round = await this.repos.survey.findRound(estate.id, period);
    if (!round) return 0;
    const due = await this.repos.survey.dueReminders(
      round.id,
      new Date(now.getTime() - s.reminderAfterDays * 86_400_000),
    );
    if (due.length === 0) return 0;
    const optedOut = await this.repos.survey.optOuts();
    const notBefore = releaseAt('survey', now, estate.timezone);
    const text = (locale: Locale) =>
      t(locale, 'survey.reminder', {
        estate: estate.name,
        month: period,
        resume: surveyWords(locale).resume,
        optOut: surveyWords(locale).optOut,
      });
    let n = 0;
    for (const r of due) {
      if (optedOut.has(r.personId)) continue;
      const ok = await this.repos.transaction(async (tx) => {
        if (!(await tx.survey.markReminded(r.id, now))) return false;
        return (
          (await this.notifier.person(tx.outbox, r.personId, {
            kind: 'survey',
            message: (locale) => ({ text: text(locale) }),
            dedupeKey: `survey:${round.id}:remind:${r.personId}`,
            at: now,
            notBefore,
          })) > 0
        );
      });
      if (ok) n++;
    }
    return n;
  }

  // ── the owner ──

  /** The owner's open survey of the current month (an older unfinished one has lapsed), or null. */
  async openState(personId: string, tz: string): Promise<SurveyState | null> {
    const r = await this.repos.survey.openResponseOf(personId);
    if (!r || r.round.period !== monthOf(this.now(), tz)) return null;
    const questions = questionsOf(r.round.questions);
    const answers = answersOf(r.answers);
    const next = questions.findIndex((q) => answers[q.key] === undefined);
    return {
      responseId: r.id,
      period: r.round.period,
      questions,
      answers,
      next: next === -1 ? questions.length : next,
    };
  }

  /** Saves one score; returns the state after it. */
  async answer(state: SurveyState, score: number): Promise<SurveyState> {
    const q = state.questions[state.next];
    if (!q) return state;
    const answers = { ...state.answers, [q.key]: score };
    await this.repos.survey.saveAnswers(state.responseId, answers, this.now());
    const next = state.questions.findIndex((x) => answers[x.key] === undefined);
    return { ...state, answers, next: next === -1 ? state.questions.length : next };
  }

  /** Finishes the survey with the opinion (null: none). */
  async finish(state: SurveyState, opinion: string | null): Promise<boolean> {
    const text = opinion?.trim() ? opinion.trim().slice(0, MAX_OPINION) : null;
    return this.repos.survey.completeResponse(state.responseId, text, this.now());
  }

  isOptedOut(personId: string): Promise<boolean> {
    return this.repos.survey.isOptedOut(personId);
  }

  /** "不再调查": true when newly opted out. */
  optOut(personId: string): Promise<boolean> {
    return this.repos.survey.setOptOut(personId, this.now());
  }

  /** "订阅调查": true when an opt-out was removed. */
  optIn(personId: string): Promise<boolean> {
    return this.repos.survey.clearOptOut(personId);
  }

  // ── supervisors ──

  async results(
    estate: SurveyEstate,
    period: string,
  ): Promise<{ agg: SurveyAggregate; buildings: Map<string, string> } | null> {
    const round = await this.repos.survey.findRound(estate.id, period);
    if (!round) return null;
    const rows = await this.repos.survey.roundResponses(round.id);
    const agg = aggregate(
      questionsOf(round.questions),
      rows.map((r) => ({
        buildingId: r.buildingId,
        answers: answersOf(r.answers),
        completed: r.completedAt !== null,
        hasOpinion: r.opinion !== null,
      })),
    );
    return { agg, buildings: await this.repos.survey.buildingNames(estate.id) };
  }

  /** Opinions collected in a month (the figure shown against the target). */
  opinionCount(estate: SurveyEstate, period: string): Promise<number> {
    return this.repos.survey.opinionCount(estate.id, period);
  }

  /** 满意度's survey part: response rate, average per question and per building, opinions against the target. */
  async resultsText(estate: SurveyEstate, period: string, locale: Locale = 'zh-CN'): Promise<string> {
    const tr = (k: MessageKey, p?: Params) => t(locale, k, p);
    const s = this.settings(estate);
    const r = await this.results(estate, period);
    if (!r) {
      const when =
        s.day === 'firstWorkday'
          ? tr('survey.stats.firstWorkday', { time: s.time })
          : tr('survey.stats.fixedDay', { day: s.day, time: s.time });
      return [tr('survey.stats.none', { month: period, when }), this.opinionLine(0, estate, locale)].join('\n');
    }
    const { agg, buildings } = r;
    const score = (v: number | null) => (v === null ? tr('survey.noScore') : tr('survey.score', { avg: v.toFixed(2) }));
    const lines = [
      tr('survey.stats.head', {
        month: period,
        invited: agg.invited,
        completed: agg.completed,
        rate: agg.responseRate === null ? '—' : `${(agg.responseRate * 100).toFixed(1)}%`,
      }),
      tr('survey.stats.byQuestion'),
      ...agg.questions.map((q) =>
        tr('survey.stats.question', { label: q.label, avg: score(q.average), n: q.answered }),
      ),
      tr('survey.stats.byBuilding'),
      ...agg.buildings
        .map((b) => ({ ...b, name: buildings.get(b.buildingId) ?? '?' }))
        .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN', { numeric: true }))
        .map((b) =>
          tr('survey.stats.building', {
            building: b.name,
            completed: b.completed,
            invited: b.invited,
            avg: score(b.average),
          }),
        ),
      this.opinionLine(agg.opinions, estate, locale),
    ];
    if (agg.opinions > 0) lines.push(tr('survey.stats.hint'));
    return lines.join('\n');
  }

  /** The monthly report's line: the month's opinions against the estate's target. */
  async monthLine(estate: SurveyEstate, period: string): Promise<string> {
    return this.opinionLine(await this.opinionCount(estate, period), estate);
  }

  /** "本月收集业主意见 N 条，目标 M 条（本物业默认目标）✓/✗" — also a line of the monthly report. */
  opinionLine(count: number, estate: { settings: unknown }, locale: Locale = 'zh-CN'): string {
    const target = this.settings(estate).monthlyOpinionTarget;
    return t(locale, 'survey.stats.opinions', {
      count,
      target,
      note: this.targetNote(estate, locale),
      mark: t(locale, count >= target ? 'survey.stats.met' : 'survey.stats.notMet'),
    });
  }

  private targetNote(estate: { settings: unknown }, locale: Locale): string {
    return t(locale, opinionTargetIsDefault(estate.settings) ? 'survey.stats.targetDefault' : 'survey.stats.targetSet');
  }

  private async opinionsOf(estate: SurveyEstate, period: string) {
    const round = await this.repos.survey.findRound(estate.id, period);
    return round ? this.repos.survey.roundOpinions(round.id) : [];
  }

  /** 意见列表: the month's opinions, numbered in the order they came in. */
  async opinionsText(estate: SurveyEstate, period: string, locale: Locale = 'zh-CN'): Promise<string> {
    const rows = await this.opinionsOf(estate, period);
    if (rows.length === 0) return t(locale, 'survey.opinions.empty', { month: period });
    const numbers = await this.repos.survey.ticketNumbers(rows.flatMap((r) => (r.ticketId ? [r.ticketId] : [])));
    const lines = [
      t(locale, 'survey.opinions.head', {
        month: period,
        count: rows.length,
        target: this.settings(estate).monthlyOpinionTarget,
        note: this.targetNote(estate, locale),
      }),
    ];
    for (const [i, r] of rows.entries()) {
      const u = await this.repos.survey.unitLabelParts(r.unitId);
      const number = r.ticketId ? numbers.get(r.ticketId) : undefined;
      lines.push(
        t(locale, 'survey.opinions.line', {
          n: i + 1,
          unit: u ? unitLabel(u.building, u.entrance, u.room) : '—',
          date: r.completedAt ? formatLocal(r.completedAt, estate.timezone, 'date') : '',
          text: r.opinion ?? '',
          ticket: number ? t(locale, 'survey.opinions.ticket', { number }) : '',
        }),
      );
    }
    lines.push(t(locale, 'survey.opinions.hint'));
    return lines.join('\n');
  }

  /**
   * 意见转工单 N: the N-th opinion of the month becomes a complaint ticket (category 其他) on the owner's unit, filed
   * once (a second supervisor is told the ticket number); the owner is told through the outbox.
   */
  async opinionToTicket(
    complaints: ComplaintService,
    estate: EstateInfo,
    period: string,
    n: number,
    locale: Locale = 'zh-CN',
  ): Promise<string> {
    const rows = await this.opinionsOf(estate, period);
    const row = rows[n - 1];
    if (!row)
      throw new AppError(
        'NOT_FOUND',
        `opinion ${n} of ${period}`,
        userMessage('survey.toTicket.notFound', { n, month: period, count: rows.length }),
      );
    if (row.ticketId) {
      const number = (await this.repos.survey.ticketNumbers([row.ticketId])).get(row.ticketId) ?? row.ticketId;
      return t(locale, 'survey.toTicket.already', { n, number });
    }
    const created = await complaints.create({
      estate,
      personId: row.personId,
      unitId: row.unitId,
      category: '其他',
      description: t('zh-CN', 'survey.ticket.description', { month: period, text: row.opinion ?? '' }),
      location: t('zh-CN', 'survey.ticket.location'),
      urgent: false,
      attachments: [],
      // A second 意见转工单 of the same opinion (two supervisors at once) gets the same ticket back.
      intakeKey: `survey-opinion:${row.id}`,
    });
    const number = created.ticket.number;
    if (!(await this.repos.survey.linkOpinionTicket(row.id, created.ticket.id))) {
      return t(locale, 'survey.toTicket.already', { n, number });
    }
    const now = this.now();
    await this.notifier.person(this.repos.outbox, row.personId, {
      kind: 'notice',
      message: (locale) => ({ text: t(locale, 'survey.ownerTicket', { month: period, number }) }),
      dedupeKey: `survey-opinion-ticket:${row.id}`,
      at: now,
    });
    const u = await this.repos.survey.unitLabelParts(row.unitId);
    return t(locale, 'survey.toTicket.done', {
      n,
      number,
      unit: u ? unitLabel(u.building, u.entrance, u.room) : '—',
    });
  }
}
