import { MessageFactory, type Activity } from 'botbuilder';
import type { PromptValidatorContext } from 'botbuilder-dialogs';

/**
 * Makes the prompt's next retry one message: what was wrong, then the question again. One message per failed
 * answer keeps chats short (and WeChat sends slow).
 */
export function retryWith<T>(prompt: PromptValidatorContext<T>, problem: string): void {
  const question = prompt.options.prompt;
  const text = typeof question === 'string' ? question : (question as Partial<Activity> | undefined)?.text;
  prompt.options.retryPrompt = MessageFactory.text(text ? `${problem}\n${text}` : problem);
}
