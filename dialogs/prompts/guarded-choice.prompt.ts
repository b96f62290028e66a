// A ChoicePrompt that refuses empty, emoji-only, too long and non-text messages with a clear answer (like
// guardedTextPrompt), and says `retryText` (or its text in the sender's language) when the answer is no listed choice.
import { ChoicePrompt, type Choice } from 'botbuilder-dialogs';
import { SafeChoicePrompt } from './safe-choice.prompt.js';
import { checkText } from '../../src/bot/input-guard.js';
import type { Translate } from '../../src/i18n/index.js';
import { textsFor } from '../dialog-deps.js';
import { retryWith } from './retry.js';

export function guardedChoicePrompt(id: string, retryText: string | ((tr: Translate) => string)): ChoicePrompt {
  return new SafeChoicePrompt(
    id,
    async (p) => {
      // A 5,000-character message may contain a choice word somewhere: that is not an answer.
      const problem = checkText(p.context.activity, 100);
      if (problem) {
        retryWith(p, textsFor(p.context)(problem.key, problem.params));
        return false;
      }
      if (p.recognized.succeeded) return true;
      retryWith(p, typeof retryText === 'function' ? retryText(textsFor(p.context)) : retryText);
      return false;
    },
    'zh-cn',
  );
}

/** A choice whose button sends its title; the title and `synonyms` are the words that pick it. */
export const imBackChoice = (value: string, title: string, synonyms: string[] = []): Choice => ({
  value,
  action: { type: 'imBack', title, value: title },
  synonyms: [title, ...synonyms],
});

/** Choices whose button sends its own title. */
export const imBackChoices = (titles: string[]): Choice[] =>
  titles.map((t) => ({ value: t, action: { type: 'imBack', title: t, value: t } }));
