import type { TurnContext } from 'botbuilder';
import type { ComplaintService } from '../src/complaints/complaint.service.js';
import type { HandoffService } from '../src/handoff/handoff.service.js';
import type { BindingService } from '../src/identity/binding.service.js';
import type { IdentityService } from '../src/identity/identity.service.js';
import type { Recognizer } from '../src/nlu/recognizer.js';
import type { KeyService } from '../src/keys/key.service.js';
import type { RenovationService } from '../src/renovation/renovation.service.js';
import type { SurveyService } from '../src/survey/survey.service.js';
import type { RepairService } from '../src/repairs/repair.service.js';
import type { FeeReplies } from '../src/fees/fee.service.js';
import type { NoticeService } from '../src/notices/notice.service.js';
import type { SuggestionService } from '../src/notices/suggestion.service.js';
import type { ContractorPassService } from '../src/permits/contractor-pass.service.js';
import type { VisitorService } from '../src/permits/visitor.service.js';
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
  /** The fee flow's answers (balance, 不再提醒 / 恢复提醒). */
  fees: FeeReplies;
  visitors: VisitorService;
  passes: ContractorPassService;
  /** 公告 drafting; stores an inline picture under DATA_DIR/media/notices when that is set (#20). */
  notices: NoticeService;
  suggestions: SuggestionService;
  now: Clock;
}

/** The texts of this turn's sender language. */
export function textsFor(context: TurnContext): Translate {
  return translator(senderOf(context).locale);
}
