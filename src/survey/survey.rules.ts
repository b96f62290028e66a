// 满意度 survey (issue #20), the pure part: per-estate settings, when a month's round starts, which owners are asked,
// how an owner's answer is read ("5", "5分", "五", "非常满意"), and the month's aggregates. No I/O: the service loads
// and writes, so this runs on a simulated clock.
//
// Every figure here is OUR default (the department's procedures leave the numbers blank): first working day of the
// month at 10:00, all bound owners, one reminder after 3 days, 20 collected opinions a month. All per estate in
// Estate.settings.survey.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { settingsSection } from '../settings/settings-section.js';
import { addLocalDays, parseDateKey, weekdayOfDateKey } from '../shared/zoned-time.js';
import { normalizeDigits } from '../shared/zh-numbers.js';

export const DEFAULT_SURVEY_QUESTIONS = [
  { key: 'service', label: '客服响应' },
  { key: 'repair', label: '维修质量' },
  { key: 'cleaning', label: '环境卫生' },
  { key: 'security', label: '安全秩序' },
] as const;

const questionSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,19}$/),
  label: z.string().trim().min(1).max(20),
});
export type SurveyQuestion = z.infer<typeof questionSchema>;
export const surveyQuestionsSchema = z
  .array(questionSchema)
  .min(3)
  .max(5)
  .refine((qs) => new Set(qs.map((q) => q.key)).size === qs.length, 'question keys must be unique');

export const surveySettingsSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** 'firstWorkday' (our default) or a fixed day of the month. */
    day: z.union([z.literal('firstWorkday'), z.number().int().min(1).max(28)]).default('firstWorkday'),
    /** Local time the invitations are planned (they still wait for the end of quiet hours). */
    time: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
      .default('10:00'),
    /** Everybody bound, or N owners per building drawn at random (the same draw on every re-run of a month). */
    sample: z
      .discriminatedUnion('mode', [
        z.object({ mode: z.literal('all') }),
        z.object({ mode: z.literal('perBuilding'), n: z.number().int().min(1).max(10_000) }),
      ])
      .default({ mode: 'all' }),
    questions: surveyQuestionsSchema.default(DEFAULT_SURVEY_QUESTIONS.map((q) => ({ ...q }))),
    reminderAfterDays: z.number().int().min(1).max(20).default(3),
    monthlyOpinionTarget: z.number().int().min(0).max(100_000).default(20),
  })
  .prefault({});
export type SurveySettings = z.infer<typeof surveySettingsSchema>;

/** Estate.settings.survey, validated; a broken blob falls back to our defaults rather than stopping the job. */
export function surveySettingsOf(estateSettings: unknown): SurveySettings {
  return settingsSection(estateSettings, 'survey', surveySettingsSchema);
}

/** Whether the estate left the monthly opinion target at our default (texts then say it is ours). */
export function opinionTargetIsDefault(estateSettings: unknown): boolean {
  const section =
    estateSettings && typeof estateSettings === 'object' && !Array.isArray(estateSettings)
      ? (estateSettings as Record<string, unknown>).survey
      : undefined;
  const set =
    section && typeof section === 'object' ? (section as Record<string, unknown>).monthlyOpinionTarget : undefined;
  return set === undefined || surveySettingsSchema.safeParse(section).success === false;
}

/** The round's questions as stored in SurveyRound.questions (Json): validated on the way back in. */
export function questionsOf(json: unknown): SurveyQuestion[] {
  const parsed = surveyQuestionsSchema.safeParse(json);
  return parsed.success ? parsed.data : DEFAULT_SURVEY_QUESTIONS.map((q) => ({ ...q }));
}

/** Stored answers (Json) → { key: 1..5 }; anything else in the blob is dropped. */
export const answersSchema = z.record(z.string(), z.number().int().min(1).max(5));
export function answersOf(json: unknown): Record<string, number> {
  const parsed = answersSchema.safeParse(json ?? {});
  return parsed.success ? parsed.data : {};
}

export interface WorkdayCalendar {
  isWorkday(dateKey: string): boolean;
}

/** The local date of a month's survey day ("YYYY-MM" → "YYYY-MM-DD"). */
export function surveyDay(month: string, settings: Pick<SurveySettings, 'day'>, calendar: WorkdayCalendar): string {
  const first = `${month}-01`;
  if (settings.day !== 'firstWorkday') return `${month}-${String(settings.day).padStart(2, '0')}`;
  for (let d = first, i = 0; i < 31 && d.startsWith(month); d = addLocalDays(d, 1), i++) {
    if (calendar.isWorkday(d)) return d;
  }
  // No working day at all (a calendar gone wrong): the first weekday, else the 1st.
  for (let d = first; d.startsWith(month); d = addLocalDays(d, 1)) {
    const w = weekdayOfDateKey(d);
    if (w >= 1 && w <= 5) return d;
  }
  return first;
}

/** Whether the month's round may be planned at this local date and minute. */
export function roundIsDue(
  today: string,
  minuteOfDay: number,
  settings: Pick<SurveySettings, 'day' | 'time'>,
  calendar: WorkdayCalendar,
): boolean {
  const day = surveyDay(today.slice(0, 7), settings, calendar);
  if (today > day) return true;
  if (today < day) return false;
  const [h, m] = settings.time.split(':').map(Number);
  return minuteOfDay >= (h ?? 10) * 60 + (m ?? 0);
}

export interface Candidate {
  personId: string;
  unitId: string;
  buildingId: string;
}

/**
 * Who is asked this month: one row per person (their first unit), without those who opted out; in 'perBuilding' mode
 * N per building in an order drawn from a hash of (month, person), so a re-run of the month draws the same owners.
 */
export function pickSample(
  candidates: readonly Candidate[],
  optedOut: ReadonlySet<string>,
  settings: Pick<SurveySettings, 'sample'>,
  month: string,
): Candidate[] {
  const byPerson = new Map<string, Candidate>();
  for (const c of [...candidates].sort((a, b) => a.unitId.localeCompare(b.unitId))) {
    if (optedOut.has(c.personId) || byPerson.has(c.personId)) continue;
    byPerson.set(c.personId, c);
  }
  const all = [...byPerson.values()];
  if (settings.sample.mode === 'all') return all;
  const n = settings.sample.n;
  const draw = (p: string) => createHash('sha256').update(`${month}|${p}`).digest('hex');
  const perBuilding = new Map<string, Candidate[]>();
  for (const c of all) {
    let list = perBuilding.get(c.buildingId);
    if (!list) perBuilding.set(c.buildingId, (list = []));
    list.push(c);
  }
  return [...perBuilding.values()].flatMap((list) =>
    list
      .map((c) => ({ c, k: draw(c.personId) }))
      .sort((a, b) => a.k.localeCompare(b.k))
      .slice(0, n)
      .map((x) => x.c),
  );
}

const ZH_SCORE: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5 };
const WORD_SCORE: ReadonlyArray<readonly [RegExp, number]> = [
  [/^(非常满意|很满意|特别满意|十分满意|超级满意)$/, 5],
  [/^(非常不满意|很不满意|极不满意|特别不满意|十分不满意)$/, 1],
  [/^(不满意|不太满意|较差|差)$/, 2],
  [/^(一般|还行|还可以|凑合|马马虎虎)$/, 3],
  [/^(满意|比较满意|挺好|不错|良好)$/, 4],
];

/** An owner's score 1–5: "5", "５分", "打4分", "五星", "非常满意"…; null for anything else (then the question is asked again). */
export function parseScore(text: string): number | null {
  const s = normalizeDigits(text)
    .trim()
    .replace(/[。！!.，,~～\s]+$/u, '')
    .replace(/^(我)?(打|给|评|选)?\s*/u, '');
  const m = /^([1-5一二两三四五])\s*(分|星|颗星|星级)?$/u.exec(s);
  if (m?.[1]) return /[1-5]/.test(m[1]) ? Number(m[1]) : (ZH_SCORE[m[1]] ?? null);
  for (const [re, n] of WORD_SCORE) if (re.test(s)) return n;
  return null;
}

/** "没有", "无", "跳过": the owner has no opinion to add. */
export function isNoOpinion(text: string): boolean {
  return /^(没有|没|无|暂无|没意见|没有意见|无意见|跳过|不用了|不用|没了|no|none|skip)$/i.test(
    text.trim().replace(/[。！!.，,~～\s]+$/u, ''),
  );
}

export type SurveyWord = 'start' | 'optOut' | 'optIn';

/** The exact words an owner uses about the survey (the invitation names them). */
export function matchSurveyWord(text: string): SurveyWord | null {
  const s = text
    .trim()
    .replace(/[。！!.，,~～\s]+$/u, '')
    .normalize('NFKC');
  if (/^(不再调查|退订调查|不要调查|取消调查订阅|stop surveys?|no more surveys?)$/i.test(s)) return 'optOut';
  if (/^(订阅调查|恢复调查|resume surveys?)$/i.test(s)) return 'optIn';
  if (/^(满意度调查|参加调查|业主调查|survey)$/i.test(s)) return 'start';
  return null;
}

/** A reply to the invitation that starts the survey: a score for question 1, or "开始"/"好的". */
export function startsSurvey(text: string): boolean {
  const s = text.trim().replace(/[。！!.，,~～\s]+$/u, '');
  return parseScore(s) !== null || /^(开始|参加|好的|好|可以|行|start|ok)$/i.test(s);
}

export interface ResponseFacts {
  buildingId: string;
  answers: Record<string, number>;
  completed: boolean;
  hasOpinion: boolean;
}

export interface QuestionAverage {
  key: string;
  label: string;
  answered: number;
  average: number | null;
}

export interface SurveyAggregate {
  invited: number;
  completed: number;
  /** completed / invited; null when nobody was invited. */
  responseRate: number | null;
  questions: QuestionAverage[];
  buildings: Array<{ buildingId: string; invited: number; completed: number; average: number | null }>;
  opinions: number;
}

const avg = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

/** Aggregates of a round: only completed responses count in the averages (a half-answered one is not a response). */
export function aggregate(questions: readonly SurveyQuestion[], responses: readonly ResponseFacts[]): SurveyAggregate {
  const done = responses.filter((r) => r.completed);
  const perBuilding = new Map<string, { invited: number; completed: number; scores: number[] }>();
  for (const r of responses) {
    let b = perBuilding.get(r.buildingId);
    if (!b) perBuilding.set(r.buildingId, (b = { invited: 0, completed: 0, scores: [] }));
    b.invited++;
    if (r.completed) {
      b.completed++;
      for (const q of questions) {
        const v = r.answers[q.key];
        if (v !== undefined) b.scores.push(v);
      }
    }
  }
  return {
    invited: responses.length,
    completed: done.length,
    responseRate: responses.length ? done.length / responses.length : null,
    questions: questions.map((q) => {
      const xs = done.flatMap((r) => (r.answers[q.key] === undefined ? [] : [r.answers[q.key]!]));
      return { key: q.key, label: q.label, answered: xs.length, average: avg(xs) };
    }),
    buildings: [...perBuilding].map(([buildingId, b]) => ({
      buildingId,
      invited: b.invited,
      completed: b.completed,
      average: avg(b.scores),
    })),
    opinions: done.filter((r) => r.hasOpinion).length,
  };
}

/** "YYYY-MM" of a local date key. */
export function monthOfDateKey(dateKey: string): string {
  const { year, month } = parseDateKey(dateKey);
  return `${year}-${String(month).padStart(2, '0')}`;
}
