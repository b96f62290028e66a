// What the main dialog would pass to a flow for a message: the exact command word, else the real recogniser's reading.
// For tests that drive one flow on its own DialogSet.
import { matchCommand, RECOGNISED_INTENTS } from '../../dialogs/flow-registry.js';
import type { FlowOptions } from '../../dialogs/understood.js';
import { loadRecognizer } from '../../src/nlu/model-file.js';
import { readSlots } from '../../src/nlu/slots.js';

const recognizer = loadRecognizer(RECOGNISED_INTENTS);

export function understand(text: string): FlowOptions {
  const command = matchCommand(text);
  if (command) return { understood: { text, sub: command.sub, slots: readSlots(text), command: true } };
  const u = recognizer.recognize(text);
  return { understood: { text, sub: u.candidates[0]?.sub ?? null, slots: u.slots, command: false } };
}
