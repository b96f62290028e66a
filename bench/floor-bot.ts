// The framework floor: the least a botbuilder bot with database state does per turn — ConversationState on our
// BotState storage (the same driver and statements as the real bot), a DialogSet, one one-step waterfall that answers
// and ends. The turn bench drives it with the same load generator as the owner turns, so "our turn costs N× the
// floor" separates our pipeline (dedupe, identify, commands, NLU, flows) from what botbuilder itself costs.
import { ActivityTypes, ConversationState, TestAdapter, TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus, WaterfallDialog, type DialogState } from 'botbuilder-dialogs';
import { PrismaStorage } from '../src/db/prisma-storage.js';
import type { Database } from '../src/db/client.js';
import type { BenchBot } from './bench-bot.js';

export function floorBot(db: Database): BenchBot {
  const state = new ConversationState(new PrismaStorage(db.prisma));
  const dialogs = new DialogSet(state.createProperty<DialogState>('dialogState'));
  dialogs.add(
    new WaterfallDialog('floor', [
      async (step) => {
        await step.context.sendActivity(`收到：${step.context.activity.text ?? ''}`);
        return step.endDialog();
      },
    ]),
  );
  const adapter = new TestAdapter(async () => undefined);
  let seq = 0;
  return {
    async say(owner, conversation, text) {
      const context = new TurnContext(adapter, {
        type: ActivityTypes.Message,
        id: `f-${++seq}`,
        channelId: 'console',
        conversation: { id: conversation, isGroup: false, name: '', conversationType: 'personal' },
        from: { id: `bench-owner-${owner}`, name: `业主${owner}` },
        recipient: { id: 'bot', name: 'bot' },
        text,
      });
      const replies: string[] = [];
      context.onSendActivities(async (_ctx, activities, next) => {
        for (const a of activities) replies.push(a.text ?? '');
        return next();
      });
      const dc = await dialogs.createContext(context);
      const result = await dc.continueDialog();
      if (result.status === DialogTurnStatus.empty) await dc.beginDialog('floor');
      await state.saveChanges(context);
      adapter.activeQueue.splice(0);
      return replies;
    },
  };
}
