// Ticket numbers: TS-<local date>-<4-digit sequence per estate per day>. Staff may type the short form "0007" for today.

// The one ticket-number pattern: its parts, and the expressions built from them.
const DATE = String.raw`\d{8}`;
const SEQ = String.raw`\d{1,4}`;
const FULL = new RegExp(`^TS-?(${DATE})-?(${SEQ})$`);
const SHORT = new RegExp(`^#?(${SEQ})$`);

/**
 * Where staff commands find a ticket number (one capture group each): typed first in the arguments ("TS-20261128-0007",
 * "0007"), or the full number as the bot writes it inside a quoted notice.
 */
export const TICKET_REF = {
  leading: new RegExp(`(TS-?${DATE}-?${SEQ}|#?${SEQ})`, 'i'),
  quoted: new RegExp(`(TS-${DATE}-\\d{4})`, 'i'),
} as const;

export function formatTicketNumber(dateKey: string, seq: number): string {
  return `TS-${dateKey.replace(/-/g, '')}-${String(seq).padStart(4, '0')}`;
}

export function ticketNumberPrefix(dateKey: string): string {
  return `TS-${dateKey.replace(/-/g, '')}-`;
}

/** The sequence part of a number ("TS-20261128-0007" → 7). */
export function ticketSequence(number: string): number {
  return Number(/-(\d+)$/.exec(number)?.[1] ?? 0);
}

/** "TS-20261128-0007" / "ts20261128-7" / "0007" / "7" (today) → the full number, or null when it is no number. */
export function parseTicketRef(ref: string, todayKey: string): string | null {
  const s = ref.trim().toUpperCase();
  const full = FULL.exec(s);
  if (full?.[1] && full[2]) return `TS-${full[1]}-${full[2].padStart(4, '0')}`;
  const short = SHORT.exec(s);
  if (short?.[1]) return formatTicketNumber(todayKey, Number(short[1]));
  return null;
}
