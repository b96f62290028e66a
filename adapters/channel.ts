// Adapter-side helpers; the Channel contract itself lives with the outbox (src/notify/channel.ts).
import type { Activity } from 'botbuilder';

export * from '../src/notify/channel.js';

/** Renders suggested actions for channels without buttons: "1. 投诉\n2. 装修" (the reply "1"/"一" picks one). */
export function numberedMenu(activity: Partial<Activity>): string {
  const actions = activity.suggestedActions?.actions ?? [];
  const lines = actions.map((a, i) => `${i + 1}. ${a.title ?? String(a.value)}`);
  return [activity.text ?? '', ...(lines.length ? ['', ...lines] : [])].join('\n').trim();
}
