// Several notices for one staff group due close together go out as one message: fewer pings for staff, and fewer
// sends against the group's rate limit (WeChat bans bursts). Pure: the dispatcher picks the rows, this builds text.
import { formatLocal } from '../shared/zoned-time.js';

export interface DigestItem {
  id: string;
  text: string;
  createdAt: Date;
}

export interface DigestOptions {
  /** At most this many notices in one digest; the rest wait for the next one. */
  maxItems: number;
  /** Keep under the channel's message size (Telegram: 4096 characters). */
  maxChars: number;
  timeZone: string;
}

export const DEFAULT_DIGEST: Omit<DigestOptions, 'timeZone'> & { windowMs: number } = {
  windowMs: 60_000,
  maxItems: 20,
  maxChars: 3500,
};

/** Merges the items (oldest first) into one text; `includedIds` are the ones in it. One item is sent as it is. */
export function buildDigest(items: DigestItem[], opts: DigestOptions): { text: string; includedIds: string[] } {
  const sorted = [...items].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const first = sorted[0];
  if (!first) return { text: '', includedIds: [] };
  if (sorted.length === 1) return { text: first.text, includedIds: [first.id] };

  const entries: { id: string; text: string }[] = [];
  let size = 0;
  for (const item of sorted) {
    if (entries.length >= opts.maxItems) break;
    const entry = `${entries.length + 1}. [${formatLocal(item.createdAt, opts.timeZone, 'time')}] ${item.text}`;
    // The first entry always goes in, even if long: a digest must make progress.
    if (entries.length > 0 && size + entry.length + 2 > opts.maxChars) break;
    entries.push({ id: item.id, text: entry });
    size += entry.length + 2;
  }
  if (entries.length === 1) return { text: first.text, includedIds: [first.id] };
  const header = `【通知汇总】共 ${entries.length} 条：`;
  return { text: [header, ...entries.map((e) => e.text)].join('\n\n'), includedIds: entries.map((e) => e.id) };
}
