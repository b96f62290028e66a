// The labels the corpus and the model use. Intents name what the owner wants; a sub label refines it (the complaint
// category, the sub-action of a flow, the kind of emergency). "_" is "said nothing more specific" ("我要投诉").
import { DEFAULT_CATEGORIES } from '../complaints/categories.js';

export const INTENTS = [
  'complaint',
  'repair',
  'fees',
  'keys',
  'renovation',
  'myComplaints',
  'bind',
  'unbind',
  'myInfo',
  'household',
  'handoff',
  'emergency',
  'suggestion',
  'greeting',
  'thanks',
  'help',
  'none',
] as const;
export type Intent = (typeof INTENTS)[number];

/** Intents answered by the main dialog itself: no flow registers them. */
export const CONVERSATIONAL_INTENTS = ['greeting', 'thanks', 'help', 'none'] as const;

export const UNSPECIFIED = '_';

export const EMERGENCY_KINDS = ['fire', 'gas', 'water', 'lift', 'security', 'medical'] as const;
export type EmergencyKind = (typeof EMERGENCY_KINDS)[number];

/** Sub labels per intent (intents not listed have none). */
export const SUB_LABELS: Partial<Record<Intent, readonly string[]>> = {
  complaint: DEFAULT_CATEGORIES,
  fees: ['balance', 'howToPay', 'invoice', 'defer', 'stopReminders', 'resumeReminders'],
  keys: ['deposit', 'pickup', 'authorise', 'list', 'reschedule', 'cancel'],
  renovation: ['extend', 'stop', 'resume', 'exit', 'depositRefund', 'apply', 'list'],
  myComplaints: ['status', 'addInfo', 'withdraw'],
  emergency: EMERGENCY_KINDS,
};

export function isIntent(s: string): s is Intent {
  return (INTENTS as readonly string[]).includes(s);
}
