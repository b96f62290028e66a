// 建议 (#20): an owner leaves a suggestion (text, optional photos); it gets a number (JY-n), the supervisors' group is
// told through the outbox in the same transaction, supervisors list (建议列表) and answer it (答复建议 n 内容), and the
// answer reaches the owner through the outbox. Counted per month in 统计.
import type { Repositories, SuggestionRecord } from '../db/repositories.js';
import type { EstateInfo } from '../estate/estate.service.js';
import { t, type Locale } from '../i18n/index.js';
import type { Notifier } from '../notify/notifier.js';
import type { Clock } from '../shared/clock.js';
import { formatLocal } from '../shared/zoned-time.js';

type Estate = Pick<EstateInfo, 'id' | 'name' | 'timezone'>;

/** Longest suggestion accepted (our default). */
export const SUGGESTION_MAX = 300;

const short = (s: string, n = 30) => ([...s].length > n ? `${[...s].slice(0, n).join('')}…` : s);

export class SuggestionService {
  constructor(
    private readonly repos: Pick<Repositories, 'suggestions' | 'outbox' | 'transaction'>,
    /** Writes the notices (over the composition root's channel registry). */
    private readonly notifier: Notifier,
    private readonly now: Clock,
  ) {}

  /** Records the suggestion; the supervisors' notice is written with it (one transaction). */
  async submit(
    estate: Estate,
    from: { identityId: string; personId: string | null; unitLabel: string | null },
    text: string,
    photos: readonly string[],
  ): Promise<SuggestionRecord> {
    const at = this.now();
    const row = await this.repos.suggestions.create({
      estateId: estate.id,
      identityId: from.identityId,
      personId: from.personId,
      unitLabel: from.unitLabel,
      text,
      photos: photos.length ? JSON.stringify(photos) : null,
      createdAt: at,
    });
    await this.notifier.staffGroup(this.repos.outbox, estate.id, 'SUPERVISOR', {
      kind: 'notice',
      message: {
        text: t('zh-CN', 'suggestion.staffNotice', {
          seq: row.seq,
          who: from.unitLabel ?? t('zh-CN', 'suggestion.unbound'),
          text,
          photos: photos.length ? t('zh-CN', 'suggestion.staffNotice.photos', { count: photos.length }) : '',
        }),
      },
      dedupeKey: `suggestion:${row.id}`,
      at,
    });
    return row;
  }

  async listText(estate: Estate, all: boolean, locale: Locale): Promise<string> {
    const rows = await this.repos.suggestions.list(estate.id, { unansweredOnly: !all, limit: 20 });
    if (rows.length === 0 && !all) return t(locale, 'suggestion.list.empty');
    return [
      t(locale, 'suggestion.list.head', {
        scope: t(locale, all ? 'suggestion.list.all' : 'suggestion.list.unanswered'),
        count: rows.length,
      }),
      ...rows.map((r) =>
        t(locale, 'suggestion.list.line', {
          seq: r.seq,
          date: formatLocal(r.createdAt, estate.timezone),
          who: r.unitLabel ?? t(locale, 'suggestion.unbound'),
          text: short(r.text, 60),
          state: r.answeredAt ? t(locale, 'suggestion.list.answered') : '',
        }),
      ),
      t(locale, 'suggestion.list.hint'),
    ].join('\n');
  }

  /** Records the answer and queues it to the owner (every chat account of the person, else the account it came from). */
  async answer(estate: Estate, staffId: string, seq: number, answer: string, locale: Locale): Promise<string> {
    const row = await this.repos.suggestions.bySeq(estate.id, seq);
    if (!row) return t(locale, 'suggestion.notFound', { ref: `JY-${seq}` });
    const at = this.now();
    const reached = await this.repos.transaction(async (tx) => {
      if (!(await tx.suggestions.answer(row.id, answer, `staff:${staffId}`, at))) return null;
      const notice = {
        kind: 'notice',
        message: (locale: Locale) => ({
          text: t(locale, 'suggestion.answerToOwner', { seq, text: short(row.text), answer, estate: estate.name }),
        }),
        dedupeKey: `suggestion-answer:${row.id}`,
        at,
      };
      return row.personId
        ? this.notifier.person(tx.outbox, row.personId, notice)
        : this.notifier.identity(tx.outbox, row.identityId, notice);
    });
    if (reached === null) return t(locale, 'suggestion.alreadyAnswered', { seq });
    return t(locale, reached > 0 ? 'suggestion.answered' : 'suggestion.answeredNobody', { seq });
  }

  async monthLine(estate: Estate, period: { from: Date; to: Date }, locale: Locale = 'zh-CN'): Promise<string> {
    const c = await this.repos.suggestions.counts(estate.id, period.from, period.to);
    return t(locale, 'notice.stats.suggestions', c);
  }
}
