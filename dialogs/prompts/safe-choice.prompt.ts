// A ChoicePrompt that does not run the recognisers on a pasted page. Choice recognition includes botbuilder's number
// recogniser, whose cost grows with the square of the length: 4,000 digits take 0.3 s, 100,000 take minutes (found by
// the fuzz, #11). No choice is that long, so such a message is simply "not a choice" and the validator / retry answers.
import type { TurnContext } from 'botbuilder';
import { ChoicePrompt, type FoundChoice, type PromptOptions, type PromptRecognizerResult } from 'botbuilder-dialogs';
import { MAX_TEXT } from '../../src/bot/input-guard.js';

/** Longer messages are not recognised (choices and dates are a few words). */
export const MAX_RECOGNISED = MAX_TEXT;

export const tooLongToRecognise = (context: TurnContext) => [...(context.activity.text ?? '')].length > MAX_RECOGNISED;

export class SafeChoicePrompt extends ChoicePrompt {
  protected override async onRecognize(
    context: TurnContext,
    state: unknown,
    options: PromptOptions,
  ): Promise<PromptRecognizerResult<FoundChoice>> {
    if (tooLongToRecognise(context)) return { succeeded: false };
    return super.onRecognize(context, state, options);
  }
}
