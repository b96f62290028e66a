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
      summary: '未认领的工单，最早的在前，带应响应时间',
      usage: '待处理',
      run: async (ctx) => queue.unclaimedText(ownEstate(ctx), ctx.sender.locale),
    },
    {
      name: '我的',
      aliases: ['mine'],
      roles: ALL_STAFF,
      summary: '我名下未结的工单，按办结时限先后',
      usage: '我的',
      run: async (ctx) => {
        return queue.mineText(staffOf(ctx).id, ownEstate(ctx), ctx.sender.locale);
      },
    },
  ];
}
