import type { privacyZh } from '../zh-CN/privacy.js';

// English texts of "my data" (PIPL requests) and the export-person / erase-person CLI.
export const privacyEn: Record<keyof typeof privacyZh, string> = {
  'privacy.chat.requested':
    'We have your request about your personal data. Within 15 working days the property office will call to confirm it is you, then give you a copy of your data or erase it, as you wish (tickets keep their facts, without your name and phone).',
  'privacy.chat.already':
    'You already have a personal-data request in progress; the property office will contact you soon.',
  'privacy.staff.request':
    '[Personal data request] {units}: {name} ({phone}) asks to see or erase their personal data. Call to verify, then run npm run cli -- export-person or erase-person (within 15 working days).',
  'privacy.cli.badQuery': '"{query}" is neither a mobile number nor a unit.',
  'privacy.cli.noUnit': 'No single unit "{query}" was found.',
  'privacy.cli.nobody': 'Nobody is on record for "{query}".',
  'privacy.cli.several': '"{query}" names several people: {people}. Use a mobile number to pick one.',
  'privacy.cli.staff': '{name} is staff: deactivate the staff record before erasing their data.',
  'privacy.cli.exported': 'Exported the data of {count} person(s) to {file} (audited).',
  'privacy.cli.confirm':
    'This erases the personal data of {name} ({phone}): the person, unit memberships, chat accounts and their conversation state; tickets and other records keep their facts without name and phone. Run again with --yes to confirm.',
  'privacy.cli.erased':
    'Erased {name} ({phone}): {identities} chat account(s), {tickets} ticket(s) anonymised, {outbox} pending message(s) deleted, {scrubbed} staff message(s)/audit record(s) scrubbed (audited).',
  'privacy.cli.needQuery': 'Give a mobile number or a unit, e.g. {command} {example}',
} as const;
