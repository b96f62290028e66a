import type { TurnContext } from 'botbuilder';
import type { ComplaintService } from '../src/complaints/complaint.service.js';
import type { Prisma } from '../src/db/client.js';
import type { HandoffService } from '../src/handoff/handoff.service.js';
import type { BindingService } from '../src/identity/binding.service.js';
import type { IdentityService } from '../src/identity/identity.service.js';
import type { Recognizer } from '../src/nlu/recognizer.js';
import type { KeyService } from '../src/keys/key.service.js';
import type { RenovationService } from '../src/renovation/renovation.service.js';
import type { SurveyService } from '../src/survey/survey.service.js';
import type { RepairService } from '../src/repairs/repair.service.js';
import { translator, type Translate } from '../src/i18n/index.js';
import { senderOf } from '../src/identity/sender.js';
import type { Clock } from '../src/shared/clock.js';

/** Everything the dialogs need from the rest of the app, passed in by the composition root. */
export interface DialogDeps {
  handoffs: HandoffService;
  binding: BindingService;
  identity: IdentityService;
  /** Every free-text decision (intent, sub-action, slots, emergency) goes through it. */
  recognizer: Recognizer;
  complaints: ComplaintService;
  keys: KeyService;
  renovation: RenovationService;
  /** The monthly 满意度 survey (dialogs/survey.dialog.ts). */
  surveys: SurveyService;
  repairs: RepairService;
  /** The fee flow reads balances through src/fees functions that take the client. */
  prisma: Prisma;
  now: Clock;
  /** #20: where a 公告 picture sent inline (data: URL) is stored once (DATA_DIR/media/notices). Unset: not stored. */
  noticeMediaDir?: string;
}

/** The texts of this turn's sender language. */
export function textsFor(context: TurnContext): Translate {
  return translator(senderOf(context).locale);
}
