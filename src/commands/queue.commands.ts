// 待处理 / 我的: the staff work lists (src/tickets/work-queue.service.ts).
import type { WorkQueueService } from '../tickets/work-queue.service.js';
import { ALL_STAFF, ownEstate, staffOf, type Command } from './command.js';

export interface QueueCommandDeps {
  queue: WorkQueueService;
}

export function queueCommands({ queue }: QueueCommandDeps): Command[] {
  return [
    {
      name: '待处理',
      aliases: ['queue'],
      roles: ALL_STAFF,
      summaryKey: 'command.summary.queue',
      usageKey: 'command.usage.queue',
      run: async (ctx) => queue.unclaimedText(ownEstate(ctx), ctx.sender.locale),
    },
    {
      name: '我的',
      aliases: ['mine'],
      roles: ALL_STAFF,
      summaryKey: 'command.summary.mine',
      usageKey: 'command.usage.mine',
      run: async (ctx) => {
        return queue.mineText(staffOf(ctx).id, ownEstate(ctx), ctx.sender.locale);
      },
    },
  ];
}
