import type { queueZh } from '../zh-CN/queue.js';

// English texts of the staff work lists (待处理 = unclaimed queue, 我的 = mine).
export const queueEn: Record<keyof typeof queueZh, string> = {
  'queue.kind.COMPLAINT': 'complaint',
  'queue.kind.EMERGENCY': 'emergency',
  'queue.kind.REQUEST': 'request',
  'queue.kind.REPAIR': 'repair',
  'queue.empty': '[Queue] No unclaimed tickets.',
  'queue.head': '[Queue] {count} unclaimed (oldest first):',
  'queue.line': '· {number} {kind}·{category} {location} | filed {created} | respond by {due}',
  'queue.hint': 'Reply "/claim number" to take one.',
  'queue.noDue': '-',
  'queue.late': '{when} (late)',
  'queue.more': '... {count} more not listed.',
  'mine.empty': '[Mine] You have no open tickets. Reply "/queue" for unclaimed ones.',
  'mine.head': '[Mine] {count} open (by resolve deadline):',
  'mine.line': '· {number} {kind}·{category} {location} | {status} | resolve by {due}',
  'mine.hint': 'Reply "/ticket number" for details, "/resolve number note" to resolve.',
};
