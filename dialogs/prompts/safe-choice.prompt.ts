// A ChoicePrompt that does not run the recognisers on a pasted page. Choice recognition includes botbuilder's number
// recogniser, whose cost grows with the square of the length: 4,000 digits take 0.3 s, 100,000 take minutes (found by
// the fuzz, #11). No choice is that long, so such a message is simply "not a choice" and the validator / retry answers.
import type { TurnContext } from 'botbuilder';
import {
  ChoicePrompt,
  type DialogContext,
  type DialogEvent,
  type FoundChoice,
  type PromptOptions,
  type PromptRecognizerResult,
} from 'botbuilder-dialogs';
import { MAX_TEXT } from '../../src/bot/input-guard.js';

/** Longer messages are not recognised (choices and dates are a few words). */
export const MAX_RECOGNISED = MAX_TEXT;

export const tooLongToRecognise = (context: TurnContext) => [...(context.activity.text ?? '')].length > MAX_RECOGNISED;

/**
 * botbuilder's Prompt answers the 'activityReceived' event, which DialogContext.continueDialog emits from the leaf
 * dialog before continuing it, by running its recogniser, and continueDialog then runs it again: every answer to a
 * prompt was recognised twice. The first run only decides whether the event bubbles on to the parent dialogs, and
 * none of ours listens for it (no dialog here overrides onPreBubbleEvent / onPostBubbleEvent / onDialogEvent), so the
 * prompts with costly recognisers (choices, dates) answer "not handled" without recognising (#15).
 */
export async function notHandledBeforeBubbling(_dc: DialogContext, _event: DialogEvent): Promise<boolean> {
  return false;
}

export class SafeChoicePrompt extends ChoicePrompt {
  protected override onPreBubbleEvent(dc: DialogContext, event: DialogEvent): Promise<boolean> {
    return notHandledBeforeBubbling(dc, event);
  }

  protected override async onRecognize(
    context: TurnContext,
    state: unknown,
    options: PromptOptions,
  ): Promise<PromptRecognizerResult<FoundChoice>> {
    if (tooLongToRecognise(context)) return { succeeded: false };
    return super.onRecognize(context, state, options);
  }
}
