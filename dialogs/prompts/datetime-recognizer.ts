// The date-time recognizer, built once per culture and loaded on first use. `recognizeDateTime()` of
// @microsoft/recognizers-text-date-time builds a new recognizer on every call (≈ 7.5 ms of CPU per zh-cn phrase, more
// than the rest of a turn); the model it builds keeps no state between parses (the reference instant is an argument),
// so one per culture serves every turn. The package (≈ 20 MB of RSS) is required only when a date prompt first
// recognises: most processes never ask for a date.
import { createRequire } from 'node:module';
import type * as DateTimeModule from '@microsoft/recognizers-text-date-time';

type DateTimeModel = ReturnType<DateTimeModule.DateTimeRecognizer['getDateTimeModel']>;

let recognizers: typeof DateTimeModule | undefined;
const models = new Map<string, DateTimeModel>();

function modelFor(culture: string): DateTimeModel {
  let model = models.get(culture);
  if (!model) {
    recognizers ??= createRequire(import.meta.url)('@microsoft/recognizers-text-date-time') as typeof DateTimeModule;
    const { DateTimeRecognizer, DateTimeOptions } = recognizers;
    // As recognizeDateTime(query, culture) does: no options, falling back to English for an unknown culture.
    model = new DateTimeRecognizer(culture, DateTimeOptions.None).getDateTimeModel(culture, true);
    models.set(culture, model);
  }
  return model;
}

/** The date-time readings of `utterance` relative to `reference` (what `recognizeDateTime` returns). */
export function recognizeDateTime(
  utterance: string,
  culture: string,
  reference: Date,
): ReturnType<DateTimeModel['parse']> {
  return modelFor(culture).parse(utterance, reference);
}
