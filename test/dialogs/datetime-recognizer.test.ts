// The cached date-time recognizer reads phrases exactly as the package's recognizeDateTime() (which builds a new
// recognizer per call) does, whatever was parsed before with the same cached model and at other reference instants.
import { recognizeDateTime as packageRecognize } from '@microsoft/recognizers-text-date-time';
import { describe, expect, it } from 'vitest';
import { recognizeDateTime } from '../../dialogs/prompts/datetime-recognizer.js';

const phrases: Array<[string, string]> = [
  ['明天下午三点', 'zh-cn'],
  ['下周六上午十点', 'zh-cn'],
  ['12月20日', 'zh-cn'],
  ['后天晚上八点半', 'zh-cn'],
  ['tomorrow 10am', 'en-us'],
  ['next saturday afternoon', 'en-us'],
  ['明天下午三点', 'zh-CN'],
];
const instants = [new Date('2026-12-05T02:00:00Z'), new Date('2027-02-27T15:59:00Z'), new Date('2026-12-31T15:50:00Z')];

describe('the date-time recognizer built once per culture', () => {
  it('gives the same readings as a recognizer built for the call, phrase after phrase, at any reference instant', () => {
    for (const at of instants)
      for (const [phrase, culture] of phrases) {
        const fresh = packageRecognize(phrase, culture, undefined, at);
        expect(fresh.length, `${phrase} @ ${at.toISOString()}`).toBeGreaterThan(0);
        expect(recognizeDateTime(phrase, culture, at), `${phrase} @ ${at.toISOString()}`).toEqual(fresh);
      }
  });

  it('reads "明天" against the reference instant it is given, not the one of an earlier call', () => {
    const value = (at: Date) =>
      (recognizeDateTime('明天下午三点', 'zh-cn', at)[0]?.resolution as { values: Array<{ value: string }> }).values[0]
        ?.value;
    expect(value(new Date('2026-12-05T02:00:00Z'))).toBe('2026-12-06 15:00:00');
    expect(value(new Date('2027-03-01T02:00:00Z'))).toBe('2027-03-02 15:00:00');
  });
});
