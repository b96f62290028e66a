// The bot skips botbuilder's activityReceived event only while no dialog of its tree could act on it (#15).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ComponentDialog,
  DialogSet,
  TextPrompt,
  WaterfallDialog,
  type DialogContext,
  type DialogEvent,
} from 'botbuilder-dialogs';
import { actsOnDialogEvents } from '../../src/bot/dialog-events.js';
import { SafeChoicePrompt } from '../../dialogs/prompts/safe-choice.prompt.js';
import { demoBot, WEEKDAY_MORNING } from '../support/app.js';

class ListeningDialog extends ComponentDialog {
  heard = 0;
  protected override async onPreBubbleEvent(_dc: DialogContext, e: DialogEvent): Promise<boolean> {
    if (e.name === 'activityReceived') this.heard++;
    return false;
  }
}

function flow(id: string, ...inner: Array<ComponentDialog | TextPrompt | SafeChoicePrompt | WaterfallDialog>) {
  const dialog = new ComponentDialog(id);
  dialog.addDialog(new WaterfallDialog(`${id}.steps`, [async (step) => step.endDialog()]));
  for (const d of inner) dialog.addDialog(d);
  return dialog;
}

describe('actsOnDialogEvents', () => {
  it('botbuilder’s own containers, waterfalls and prompts, and our prompts, do not act on the event', () => {
    expect(actsOnDialogEvents(flow('outer', flow('inner', new TextPrompt('t'), new SafeChoicePrompt('c'))))).toBe(
      false,
    );
  });

  it('one dialog two levels down with a hook of its own is enough to keep the event', () => {
    expect(actsOnDialogEvents(flow('outer', flow('inner', new ListeningDialog('listens'))))).toBe(true);
  });
});

describe('the bot’s dialog tree', () => {
  let app: Awaited<ReturnType<typeof demoBot>>;
  beforeAll(async () => {
    app = await demoBot('sqlite', () => WEEKDAY_MORNING);
  });
  afterAll(async () => app.db.drop());

  it('has no dialog that acts on activityReceived, so the bot skips emitting it', () => {
    const dialogs = (app.bot as unknown as { dialogs: DialogSet }).dialogs.getDialogs();
    expect(dialogs.length).toBeGreaterThan(0);
    expect(dialogs.some(actsOnDialogEvents)).toBe(false);
  });
});
