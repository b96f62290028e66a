// A text question whose answer must pass a check: empty, emoji-only, too long or non-text messages are refused by
// the input guard, then `check` names what is wrong (a catalogue key); the flow stays at its step and asks again.
import { TextPrompt, type PromptValidatorContext } from 'botbuilder-dialogs';
import { checkText } from '../../src/bot/input-guard.js';
import type { Problem } from '../../src/renovation/application.rules.js';
import { textsFor } from '../dialog-deps.js';
import { retryWith } from './retry.js';

export type TextCheck = (text: string, prompt: PromptValidatorContext<string>) => Problem | null;

export function checkedTextPrompt(id: string, maxLength: number, check: TextCheck): TextPrompt {
  return new TextPrompt(id, async (prompt) => {
    const tr = textsFor(prompt.context);
    const guard = checkText(prompt.context.activity, maxLength);
    if (guard) {
      retryWith(prompt, tr(guard.key, guard.params));
      return false;
    }
    const problem = check((prompt.recognized.value ?? '').trim(), prompt);
    if (!problem) return true;
    retryWith(prompt, tr(problem.key, problem.params));
    return false;
  });
}
