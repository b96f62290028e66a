// Whether a dialog tree needs botbuilder's 'activityReceived' event. DialogContext.continueDialog emits it from the
// leaf dialog before continuing: a child dialog context for every level of the stack, the event bubbled back up
// through each, then the walk down again — and its result is ignored. Only a dialog whose event hooks act on it would
// notice it missing. The bot skips the event when no dialog in its tree does (#15: ≈ 12 % of a turn's CPU, SQLite
// A/B), and emits it as botbuilder does as soon as one dialog might.
import { Dialog, DialogContainer, Prompt, TextPrompt } from 'botbuilder-dialogs';
import { SafeChoicePrompt } from '../../dialogs/prompts/safe-choice.prompt.js';
import { SafeDateTimePrompt } from '../../dialogs/prompts/safe-datetime.prompt.js';

const EVENT_HOOKS = ['onDialogEvent', 'onPreBubbleEvent', 'onPostBubbleEvent'] as const;

/**
 * Classes whose event hooks change nothing when activityReceived is not emitted: Dialog's (bubbling only),
 * DialogContainer's (acts on versionChanged only), Prompt's and TextPrompt's (they recognise the answer only to decide
 * whether the event bubbles on; continueDialog recognises it again), and our prompts that answer "not handled"
 * without recognising (notHandledBeforeBubbling).
 */
const NEUTRAL_HOOK_OWNERS = new Set<object>([
  Dialog.prototype,
  DialogContainer.prototype,
  Prompt.prototype,
  TextPrompt.prototype,
  SafeChoicePrompt.prototype,
  SafeDateTimePrompt.prototype,
]);

/** True when `dialog`, or any dialog inside it, defines an event hook of its own (one that may act on the event). */
export function actsOnDialogEvents(dialog: Dialog): boolean {
  for (const hook of EVENT_HOOKS) {
    let owner: object | null = Object.getPrototypeOf(dialog) as object | null;
    while (owner && !Object.prototype.hasOwnProperty.call(owner, hook)) owner = Object.getPrototypeOf(owner) as object;
    if (owner && !NEUTRAL_HOOK_OWNERS.has(owner)) return true;
  }
  return dialog instanceof DialogContainer && dialog.dialogs.getDialogs().some(actsOnDialogEvents);
}

/** botbuilder's turn-state key that says "activityReceived was emitted this turn": a symbol, read off a turn's state. */
export function activityReceivedKey(turnStateKeys: Iterable<unknown>): symbol | undefined {
  for (const key of turnStateKeys)
    if (typeof key === 'symbol' && key.description === 'ActivityReceivedEmitted') return key;
  return undefined;
}
