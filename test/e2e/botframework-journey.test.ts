// End-to-end over Bot Framework, through startApp: Teams-shaped Activity JSON POSTed to /api/messages; replies and
// outbox sends arrive at a connector server on the activity's serviceUrl. The owner journey of
// test/e2e/support/journey.ts: bind by name + phone → complaint (suggested actions) → group notice → the 客户助理
// claims and resolves it by number with an @mention (Teams gives no quoted text) → owner notified → 回访 → CLOSED.
// This channel runs on SQLite and PostgreSQL.
import { describeOwnerJourney } from './support/journey.js';
import { botFrameworkWire } from './support/botframework-wire.js';

describeOwnerJourney({
  channel: 'Bot Framework',
  title: 'binds by name + phone, files a complaint, staff claim it by number in the group, resolve, 回访 5 closes it',
  everyDb: true,
  repair: true,
  options: { bind: 'name' },
  wire: botFrameworkWire,
});
