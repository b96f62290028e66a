// 建议 (#20): the owner's suggestion (the message itself when it already says it, "建议小区多装几盏路灯"), optional
// photos, then a number (JY-n). Supervisors are told through the outbox; their answer (答复建议) comes back here.
import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { senderOf } from '../src/identity/sender.js';
import { SUGGESTION_MAX, type SuggestionService } from '../src/notices/suggestion.service.js';
import { textsFor, type DialogDeps } from './dialog-deps.js';
import { guardedTextPrompt } from './prompts/guarded-text.prompt.js';
import { PhotoPrompt, type PhotoAnswer } from './prompts/photo.prompt.js';
import { freeText, understoodOf } from './understood.js';

export const SUGGESTION_DIALOG = 'suggestion';
const TEXT = 'suggestion.text';
const PHOTOS = 'suggestion.photos';

interface Values {
  text?: string;
}

/** The words that only say "I have a suggestion" (then the text is asked for). */
const ONLY_ASKING = /^(我)?(想|要)?(提|有)?(个|一个|一点|几个)?(建议|意见)(一下)?(吗|呢)?$/u;

export class SuggestionDialog extends ComponentDialog {
  private readonly suggestions: SuggestionService;

  constructor(deps: Pick<DialogDeps, 'suggestions'>) {
    super(SUGGESTION_DIALOG);
    this.suggestions = deps.suggestions;
    this.addDialog(guardedTextPrompt(TEXT, () => SUGGESTION_MAX));
    this.addDialog(
      // In the sender's language.
      new PhotoPrompt(PHOTOS, (tr) => ({
        received: (count) => tr('suggestion.photoReceived', { count }),
        unsupported: (type) => tr('suggestion.photoUnsupported', { type }),
        retry: tr('suggestion.photoRetry'),
        tooLong: tr('suggestion.photoTooLong'),
      })),
    );
    this.addDialog(new WaterfallDialog(`${SUGGESTION_DIALOG}.steps`, [this.askText, this.askPhotos, this.save]));
    this.initialDialogId = `${SUGGESTION_DIALOG}.steps`;
  }

  private askText = async (step: WaterfallStepContext) => {
    const said = freeText(understoodOf(step.options));
    if (said && !ONLY_ASKING.test(said.replace(/[。！!.，,？?\s]+$/u, '')) && [...said].length <= SUGGESTION_MAX)
      return step.next(said);
    return step.prompt(TEXT, { prompt: textsFor(step.context)('suggestion.askText', { max: SUGGESTION_MAX }) });
  };

  private askPhotos = async (step: WaterfallStepContext) => {
    const text = String(step.result ?? '').trim();
    if ([...text].length < 2) {
      // A one-character "suggestion" is asked again (the prompt's own guard refused empty and oversized ones).
      return step.replaceDialog(`${SUGGESTION_DIALOG}.steps`, {});
    }
    (step.values as Values).text = text;
    return step.prompt(PHOTOS, { prompt: textsFor(step.context)('suggestion.askPhoto') });
  };

  private save = async (step: WaterfallStepContext) => {
    const sender = senderOf(step.context);
    const photos = (step.result as Extract<PhotoAnswer, { done: true }>).photos.map((p) => p.contentUrl);
    const row = await this.suggestions.submit(
      sender.estate,
      { identityId: sender.identityId, personId: sender.personId, unitLabel: sender.units[0]?.label ?? null },
      (step.values as Values).text ?? '',
      photos,
    );
    await step.context.sendActivity(textsFor(step.context)('suggestion.thanksNumbered', { seq: row.seq }));
    return step.endDialog();
  };
}
