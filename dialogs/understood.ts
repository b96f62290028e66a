// What the main dialog passes to the flow it starts: the message and what the recogniser read from it, so the flow
// skips the questions the owner already answered (each flow still validates what it takes).
import type { Slots } from '../src/nlu/slots.js';

export interface Understood {
  /** The owner's message that started the flow. */
  text: string;
  /** The sub label: complaint category, sub-action ("extend", "deposit"), or emergency kind; null when not said. */
  sub: string | null;
  slots: Slots;
  /** Started by an exact command word ("投诉", a menu button): the text carries nothing more to reuse. */
  command: boolean;
}

export interface FlowOptions {
  understood?: Understood;
}

/** The understood message a flow was started with, if any (dialog options are untyped JSON). */
export function understoodOf(options: unknown): Understood | null {
  const u = (options as FlowOptions | undefined)?.understood;
  return u && typeof u.text === 'string' ? u : null;
}

/** The message as a description to reuse, or null when it was only a command word. */
export function freeText(u: Understood | null): string | null {
  return u && !u.command ? u.text.trim() : null;
}
