import type { renovationZh } from '../zh-CN/renovation.js';

// English texts of the owners' renovation flow (permit extension, stop/resume work, exit inspection, deposit).
export const renovationEn: Record<keyof typeof renovationZh, string> = {
  'renovation.menu':
    'Renovation, reply with a number:\n1 My permits\n2 Extend a permit\n3 Report a work stop\n4 Report work resuming\n5 Book the exit inspection\n6 Deposit refund status',
  'renovation.noOption': 'There is no such option; reply with a number 1–6 (or "cancel" to leave).',
  'renovation.noSuchNumber': 'There is no such number; reply with a number from the list (or "cancel" to leave).',
};
