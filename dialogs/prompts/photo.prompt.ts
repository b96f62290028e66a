// Photos sent in a chat: which attachments are images, and a prompt that collects them over several messages.
import { MessageFactory, type Attachment, type TurnContext } from 'botbuilder';
import { Prompt, type PromptOptions, type PromptRecognizerResult } from 'botbuilder-dialogs';
import { checkText } from '../../src/bot/input-guard.js';
import type { Translate } from '../../src/i18n/index.js';
import { textsFor } from '../dialog-deps.js';
import { retryWith } from './retry.js';

export interface PhotoFile {
  contentUrl: string;
  name: string;
}

const isImage = (a: Attachment) => (a.contentType ?? '').startsWith('image/');
const toFile = (a: Attachment, i: number): PhotoFile => ({
  contentUrl: a.contentUrl ?? '',
  name: a.name ?? `photo-${i + 1}.jpg`,
});
const DONE_WORDS = /^(好了|好|完成|发完了|没有|无|跳过|不用|没|没有照片|ok|done|finished|no|none|skip|no photos?)$/i;

/** Photos of this message (images only), and the type of any other file it carries (null when none). */
export function imagesOf(context: TurnContext): { images: PhotoFile[]; unsupported: string | null } {
  const atts = context.activity.attachments ?? [];
  const other = atts.find((a) => !isImage(a));
  return { images: atts.filter(isImage).map(toFile), unsupported: other ? (other.contentType ?? 'file') : null };
}

/** What the prompt answers while it collects (a plain string: zh-CN; a function: the sender's language). */
export interface PhotoTexts {
  received: (count: number, tr: Translate) => string;
  unsupported: (type: string, tr: Translate) => string;
  /** A text that is neither a photo nor "好了"/"没有". */
  retry: string | ((tr: Translate) => string);
  /** A long text where only photos are expected. */
  tooLong: string | ((tr: Translate) => string);
}

export type PhotoAnswer = { done: true; photos: PhotoFile[] } | { done: false; problem: string };

/** Collects photos over several messages until "好了" / "没有"; the photos so far live in the prompt's own state. */
export class PhotoPrompt extends Prompt<PhotoAnswer> {
  constructor(
    id: string,
    /** Fixed texts, or texts in the sender's language (built from the turn's translator). */
    private readonly texts: PhotoTexts | ((tr: Translate) => PhotoTexts),
  ) {
    super(id, async (p) => {
      const v = p.recognized.value;
      if (!v) return false;
      if (v.done) return true;
      retryWith(p, v.problem);
      return false;
    });
  }

  protected async onPrompt(
    context: TurnContext,
    _state: object,
    options: PromptOptions,
    isRetry: boolean,
  ): Promise<void> {
    const activity = isRetry && options.retryPrompt ? options.retryPrompt : options.prompt;
    if (activity) await context.sendActivity(typeof activity === 'string' ? MessageFactory.text(activity) : activity);
  }

  protected async onRecognize(context: TurnContext, state: object): Promise<PromptRecognizerResult<PhotoAnswer>> {
    const s = state as { photos?: PhotoFile[] };
    const tr = textsFor(context);
    const texts = typeof this.texts === 'function' ? this.texts(tr) : this.texts;
    const say = (x: string | ((tr: Translate) => string)) => (typeof x === 'function' ? x(tr) : x);
    const photos = (s.photos ??= []);
    const { images, unsupported } = imagesOf(context);
    const text = (context.activity.text ?? '').trim();
    if (unsupported) return { succeeded: true, value: { done: false, problem: texts.unsupported(unsupported, tr) } };
    if (images.length) {
      // onRecognize also runs before the prompt validates (pre-bubble): count each file once.
      for (const img of images) if (!photos.some((p) => p.contentUrl === img.contentUrl)) photos.push(img);
      return { succeeded: true, value: { done: false, problem: texts.received(photos.length, tr) } };
    }
    if (DONE_WORDS.test(text.replace(/[。！!.，,\s]+$/u, '')))
      return { succeeded: true, value: { done: true, photos } };
    const problem = checkText(context.activity, 100);
    if (problem && problem.key !== 'input.tooLong')
      return { succeeded: true, value: { done: false, problem: tr(problem.key, problem.params) } };
    return { succeeded: true, value: { done: false, problem: say(problem ? texts.tooLong : texts.retry) } };
  }
}
