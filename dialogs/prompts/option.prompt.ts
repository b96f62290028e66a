// "Reply with a number" questions: an answer that is none of the options gets what was wrong and the question again,
// and the flow stays at its step (bad input never loses the owner's place). 取消 still leaves at any step: the root
// dialog handles it before a prompt sees the text.
import { TextPrompt } from 'botbuilder-dialogs';
import type { MessageKey } from '../../src/i18n/index.js';
import { textsFor } from '../dialog-deps.js';
import { retryWith } from './retry.js';

/** Passed as the prompt's `validations`: how many numbered items the question listed (state-safe, no functions). */
export interface OptionValidations {
  max?: number;
}

export function optionPrompt(
  id: string,
  accepts: (text: string, v: OptionValidations) => boolean,
  problem: MessageKey,
): TextPrompt {
  return new TextPrompt(id, async (prompt) => {
    const text = (prompt.recognized.value ?? '').trim();
    const v = (prompt.options.validations ?? {}) as OptionValidations;
    if (prompt.recognized.succeeded && accepts(text, v)) return true;
    retryWith(prompt, textsFor(prompt.context)(problem));
    return false;
  });
}

/** "2" (or " 2 ") when 1 ≤ n ≤ max, else null. */
export function pickNumber(text: string, max: number): number | null {
  const m = /^\s*(\d{1,2})\s*$/.exec(text);
  const n = m?.[1] ? Number(m[1]) : NaN;
  return n >= 1 && n <= max ? n : null;
}
