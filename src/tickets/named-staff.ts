// The one staff member a typed name (改派 N 姓名, 派单 N 姓名) names in an estate: a command acts on one person only.
import type { StaffInfo } from '../db/repositories.js';
import type { MessageKey } from '../i18n/index.js';
import { AppError, userMessage } from '../shared/app-error.js';

/**
 * The only candidate; none is NOT_FOUND (`none`), several is BAD_INPUT (`several`: the staff member says more). Both
 * texts get `{ name }`; `who` names the candidates in the internal message ("no such worker").
 */
export function onlyOneNamed(
  candidates: StaffInfo[],
  name: string,
  who: string,
  texts: { none: MessageKey; several: MessageKey },
): StaffInfo {
  const found = candidates[0];
  if (!found) throw new AppError('NOT_FOUND', `no such ${who}`, userMessage(texts.none, { name }));
  if (candidates.length > 1) throw new AppError('BAD_INPUT', `ambiguous ${who}`, userMessage(texts.several, { name }));
  return found;
}
