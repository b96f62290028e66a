import type { visitorZh } from '../zh-CN/visitor.js';

// English texts of visitor registration and the gate/desk code check.
export const visitorEn: Record<keyof typeof visitorZh, string> = {
  'visitor.askName': "Registering a visitor for {unit}. What is the visitor's name?",
  'visitor.badName': "Please give the visitor's name in 1–20 characters.",
  'visitor.askDate': 'Which day will they come? e.g. "today", "tomorrow", "2026-12-10" (within {maxDays} days).',
  'visitor.badDate': 'I did not understand that date; say "today", "tomorrow" or e.g. "2026-12-10".',
  'visitor.datePast': 'That day has passed; please choose today or a later day.',
  'visitor.dateTooFar': 'Visitors can be registered up to {maxDays} days ahead (until {latest}).',
  'visitor.askPlate': 'Will they come by car? Reply with the plate number, or "none".',
  'visitor.badPlate':
    'That is not a plate number (province character, a letter, 5–6 letters or digits); reply with the plate, or "none".',
  'visitor.registered':
    'Visitor {name} registered ({date}{plate}), visitor code {code}.\nSend the code to your visitor to show at the gate or desk; valid that day, once.',
  'visitor.plateSuffix': ', plate {plate}',
  'visitor.cmd.usage': 'Usage: /visitor 123456 (the 6-digit code the visitor shows)',
  'visitor.cmd.format': 'A visitor code has 6 digits; please check it and try again.',
  'visitor.cmd.ok': 'Visitor checked in: {name}, visiting {unit}{plate}.',
  'visitor.cmd.notFound': 'Wrong code or not registered for today: do not let them in; call the owner to confirm.',
  'visitor.cmd.used': 'This code was already used at {time} and cannot be used again; call the owner to confirm.',
  'visitor.cmd.tooMany': 'Too many wrong visitor codes; try again in {minutes} minutes, or call the owner.',
};
