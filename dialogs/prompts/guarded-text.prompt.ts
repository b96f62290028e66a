// A TextPrompt that refuses empty, emoji-only, too long and non-text messages with a clear answer, and asks again.
import { TextPrompt, type PromptValidatorContext } from 'botbuilder-dialogs';
import { checkText } from '../../src/bot/input-guard.js';
import { textsFor } from '../dialog-deps.js';
import { retryWith } from './retry.js';

export function guardedTextPrompt(id: string, maxLength: (ctx: PromptValidatorContext<string>) => number): TextPrompt {
  return new TextPrompt(id, async (prompt) => {
    const problem = checkText(prompt.context.activity, maxLength(prompt));
    if (!problem) return true;
    retryWith(prompt, textsFor(prompt.context)(problem.key, problem.params));
    return false;
  });
}
