// 来访登记: an owner (or family member, tenant) pre-registers a visitor for a day and gets a 6-digit code; the gate or
// desk checks it with 访客核销. A code works once, on its day, in its estate. Wrong codes are counted per staff chat
// account and estate-wide (BindingFailure rows, method 'visitor') and refused past the limits: our defaults, per
// estate (Estate.settings.visitors).
import crypto from 'node:crypto';
import { z } from 'zod';
import type { AttemptKey, Repositories, VisitorPassRecord } from '../db/repositories.js';
import type { EstateInfo } from '../estate/estate.service.js';
import { t, type Locale } from '../i18n/index.js';
import type { Problem } from '../renovation/application.rules.js';
import { AppError, userMessage } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { parseLocalDate } from '../shared/local-date.parser.js';
import { addLocalDays, formatLocal, localDateKey } from '../shared/zoned-time.js';

const MINUTE_MS = 60_000;
const CODE_RE = /^\d{6}$/;
/** Mainland plates: province character, a letter, 5 (fuel) or 6 (new energy) letters/digits. */
const PLATE_RE = /^[\u4e00-\u9fa5][A-Z][A-Z0-9]{5,6}$/;
const NO_CAR = /^(没有|无|不开车|没车|不用|否|no|none)$/i;

const limitRule = z.object({
  max: z.number().int().min(1).max(1000),
  windowMinutes: z.number().int().min(1).max(1440),
});

export const visitorSettingsSchema = z
  .object({
    /** How far ahead a visitor may be registered (days; our default). */
    maxDaysAhead: z.number().int().min(0).max(90).default(30),
    /** Wrong 访客核销 codes one staff chat account may try in the window (our default). */
    account: limitRule.default({ max: 10, windowMinutes: 15 }),
    /** Wrong codes in the whole estate in the window (our default). */
    estate: limitRule.default({ max: 30, windowMinutes: 60 }),
  })
  .prefault({});
export type VisitorSettings = z.infer<typeof visitorSettingsSchema>;

export function visitorSettings(estate: Pick<EstateInfo, 'settings'>): VisitorSettings {
  return visitorSettingsSchema.parse((estate.settings as Record<string, unknown>).visitors ?? {});
}

export function hashVisitorCode(code: string): string {
  return crypto.createHash('sha256').update(`visitor:${code}`).digest('hex');
}

export function nameProblem(text: string): Problem | null {
  const n = [...text.trim()].length;
  return n >= 1 && n <= 20 ? null : { key: 'visitor.badName' };
}

/** The visit day the owner means, or the problem with it. */
export function readVisitDate(
  text: string,
  today: string,
  s: Pick<VisitorSettings, 'maxDaysAhead'>,
): { day: string } | Problem {
  const day = parseLocalDate(text, today);
  if (!day) return { key: 'visitor.badDate' };
  if (day < today) return { key: 'visitor.datePast' };
  const latest = addLocalDays(today, s.maxDaysAhead);
  if (day > latest) return { key: 'visitor.dateTooFar', params: { maxDays: s.maxDaysAhead, latest } };
  return { day };
}

/** "浙a 12345" → "浙A12345"; null for "没有"; a Problem when it is no plate. */
export function readPlate(text: string): { plate: string | null } | Problem {
  const s = text
    .normalize('NFKC')
    .trim()
    .replace(/[。.！!]+$/u, '');
  if (NO_CAR.test(s)) return { plate: null };
  const plate = s.replace(/[\s·-]/g, '').toUpperCase();
  return PLATE_RE.test(plate) ? { plate } : { key: 'visitor.badPlate' };
}

export interface VisitorOwner {
  estate: EstateInfo;
  unitId: string;
  unitLabel: string;
  personId: string;
}

export type CheckResult = { ok: true; text: string } | { ok: false; text: string };

export class VisitorService {
  constructor(
    private readonly repos: Pick<Repositories, 'visitorPasses' | 'attempts'>,
    private readonly now: Clock,
    private readonly newCode: () => string = () => String(crypto.randomInt(0, 1_000_000)).padStart(6, '0'),
  ) {}

  today(estate: EstateInfo): string {
    return localDateKey(this.now(), estate.timezone);
  }

  /** Registers the visitor; the code is returned once (only its hash is kept). */
  async register(
    o: VisitorOwner,
    v: { visitorName: string; visitDate: string; carPlate: string | null },
  ): Promise<{ pass: VisitorPassRecord; code: string }> {
    const name = v.visitorName.trim();
    const date = readVisitDate(v.visitDate, this.today(o.estate), visitorSettings(o.estate));
    const bad = nameProblem(name) ?? ('key' in date ? date : null);
    if (bad || 'key' in date) throw new AppError('BAD_INPUT', 'bad visitor', userMessage(bad!.key, bad!.params));
    // A new code must not equal another unused code of that day in the estate (the check finds one pass).
    for (let i = 0; i < 20; i++) {
      const code = this.newCode();
      const codeHash = hashVisitorCode(code);
      if (await this.repos.visitorPasses.codeInUse(o.estate.id, date.day, codeHash)) continue;
      const pass = await this.repos.visitorPasses.insert({
        estateId: o.estate.id,
        unitId: o.unitId,
        unitLabel: o.unitLabel,
        ownerPersonId: o.personId,
        visitorName: name,
        visitDate: date.day,
        carPlate: v.carPlate,
        codeHash,
        createdAt: this.now(),
      });
      return { pass, code };
    }
    throw new Error('no free visitor code');
  }

  upcoming(personId: string, estate: EstateInfo): Promise<VisitorPassRecord[]> {
    return this.repos.visitorPasses.upcomingOf(personId, this.today(estate));
  }

  /**
   * 访客核销: the code proves the visitor. Each check is written as an attempt first (so concurrent guesses see each
   * other), refused past the limits, and forgotten when it matched.
   */
  async checkIn(
    estate: EstateInfo,
    staff: { staffId: string; identityId: string },
    code: string,
    locale: Locale = 'zh-CN',
  ): Promise<CheckResult> {
    const c = code.trim();
    if (!CODE_RE.test(c)) return { ok: false, text: t(locale, 'visitor.cmd.format') };
    const s = visitorSettings(estate);
    const now = this.now();
    const ago = (minutes: number) => new Date(now.getTime() - minutes * MINUTE_MS);
    const key: AttemptKey = {
      estateId: estate.id,
      unitId: null,
      identityId: staff.identityId,
      method: 'visitor',
    };
    const mark = await this.repos.attempts.record(key, now);
    const counts = await this.repos.attempts.countFailures(
      key,
      { account: ago(s.account.windowMinutes), target: now, estate: ago(s.estate.windowMinutes) },
      mark,
    );
    const over = (
      [
        [s.account, counts.account],
        [s.estate, counts.estate],
      ] as const
    ).find(([rule, n]) => n.count > rule.max);
    if (over) {
      await this.repos.attempts.forget(mark.id);
      const [rule, n] = over;
      const until = (n.oldest ?? now).getTime() + rule.windowMinutes * MINUTE_MS;
      return {
        ok: false,
        text: t(locale, 'visitor.cmd.tooMany', {
          minutes: Math.max(1, Math.ceil((until - now.getTime()) / MINUTE_MS)),
        }),
      };
    }
    const passes = await this.repos.visitorPasses.byCode(estate.id, this.today(estate), hashVisitorCode(c));
    const unused = passes.find((p) => p.usedAt === null);
    if (unused && (await this.repos.visitorPasses.use(unused.id, `staff:${staff.staffId}`, now))) {
      await this.repos.attempts.forget(mark.id);
      return {
        ok: true,
        text: t(locale, 'visitor.cmd.ok', {
          name: unused.visitorName,
          unit: unused.unitLabel,
          plate: unused.carPlate ? t(locale, 'visitor.plateSuffix', { plate: unused.carPlate }) : '',
        }),
      };
    }
    const used = passes.find((p) => p.usedAt !== null) ?? null;
    if (used?.usedAt) {
      // A used code is a known code, not a guess: it does not count against the limits.
      await this.repos.attempts.forget(mark.id);
      return {
        ok: false,
        text: t(locale, 'visitor.cmd.used', { time: formatLocal(used.usedAt, estate.timezone, 'time') }),
      };
    }
    return { ok: false, text: t(locale, 'visitor.cmd.notFound') };
  }
}
