// The survey's pure rules: tolerant score reading, the survey day, the sample, the aggregates.
import { describe, expect, it } from 'vitest';
import {
  aggregate,
  isNoOpinion,
  matchSurveyWord,
  parseScore,
  pickSample,
  roundIsDue,
  surveyDay,
  surveySettingsOf,
} from '../../src/survey/survey.rules.js';

const weekdays = { isWorkday: (d: string) => ![0, 6].includes(new Date(`${d}T12:00:00Z`).getUTCDay()) };

describe('survey rules', () => {
  it('reads scores the way owners write them and refuses the rest', () => {
    const cases: Array<[string, number | null]> = [
      ['5', 5],
      ['５', 5],
      ['5分', 5],
      ['4 分。', 4],
      ['五', 5],
      ['两分', 2],
      ['打3分', 3],
      ['给五星', 5],
      ['非常满意', 5],
      ['满意', 4],
      ['一般', 3],
      ['不满意', 2],
      ['非常不满意', 1],
      ['6', null],
      ['0', null],
      ['十分', null],
      ['还凑合吧大概', null],
      ['好', null],
      ['', null],
    ];
    for (const [text, score] of cases) expect(parseScore(text), text).toBe(score);
  });

  it('knows the survey words and "no opinion"', () => {
    expect(matchSurveyWord('不再调查')).toBe('optOut');
    expect(matchSurveyWord('退订调查。')).toBe('optOut');
    expect(matchSurveyWord('订阅调查')).toBe('optIn');
    expect(matchSurveyWord('满意度调查')).toBe('start');
    expect(matchSurveyWord('满意度')).toBeNull(); // the supervisors' command
    expect(isNoOpinion('没有')).toBe(true);
    expect(isNoOpinion('没有电梯')).toBe(false);
  });

  it('our default day is the first working day at 10:00; a fixed day and time are per estate', () => {
    const s = surveySettingsOf({});
    expect(s).toMatchObject({ day: 'firstWorkday', time: '10:00', sample: { mode: 'all' }, monthlyOpinionTarget: 20 });
    expect(s.questions.map((q) => q.label)).toEqual(['客服响应', '维修质量', '环境卫生', '安全秩序']);
    expect(surveyDay('2026-11', s, weekdays)).toBe('2026-11-02'); // the 1st is a Sunday
    // National Day week: the first working day comes after the holiday.
    const october = { isWorkday: (d: string) => d >= '2026-10-09' && weekdays.isWorkday(d) };
    expect(surveyDay('2026-10', s, october)).toBe('2026-10-09');
    expect(roundIsDue('2026-11-02', 9 * 60 + 59, s, weekdays)).toBe(false);
    expect(roundIsDue('2026-11-02', 10 * 60, s, weekdays)).toBe(true);
    expect(roundIsDue('2026-11-01', 12 * 60, s, weekdays)).toBe(false);
    expect(roundIsDue('2026-11-05', 0, s, weekdays)).toBe(true); // a late start (the bot was down) still runs
    const fixed = surveySettingsOf({ survey: { day: 15, time: '14:30' } });
    expect(surveyDay('2026-11', fixed, weekdays)).toBe('2026-11-15');
    // A broken setting falls back to our defaults rather than stopping the job.
    expect(surveySettingsOf({ survey: { questions: [{ key: 'a', label: 'x' }] } }).questions).toHaveLength(4);
  });

  it('samples one row per person, without opted-out owners; N per building is the same draw on every re-run', () => {
    const candidates = Array.from({ length: 20 }, (_, i) => ({
      personId: `p${i}`,
      unitId: `u${i}`,
      buildingId: `b${i % 2}`,
    }));
    candidates.push({ personId: 'p0', unitId: 'u99', buildingId: 'b1' }); // a second unit of the same owner
    const all = pickSample(candidates, new Set(['p1']), { sample: { mode: 'all' } }, '2026-12');
    expect(all).toHaveLength(19);
    const two = pickSample(candidates, new Set(), { sample: { mode: 'perBuilding', n: 2 } }, '2026-12');
    expect(two).toHaveLength(4);
    expect(pickSample(candidates, new Set(), { sample: { mode: 'perBuilding', n: 2 } }, '2026-12')).toEqual(two);
    expect(new Set(two.map((c) => c.buildingId))).toEqual(new Set(['b0', 'b1']));
  });

  it('averages only completed responses, per question and per building', () => {
    const qs = [
      { key: 'a', label: 'A' },
      { key: 'b', label: 'B' },
      { key: 'c', label: 'C' },
    ];
    const agg = aggregate(qs, [
      { buildingId: 'x', answers: { a: 5, b: 4, c: 3 }, completed: true, hasOpinion: true },
      { buildingId: 'x', answers: { a: 1 }, completed: false, hasOpinion: false },
      { buildingId: 'y', answers: { a: 3, b: 2, c: 1 }, completed: true, hasOpinion: false },
    ]);
    expect(agg).toMatchObject({ invited: 3, completed: 2, opinions: 1 });
    expect(agg.responseRate).toBeCloseTo(2 / 3);
    expect(agg.questions.map((q) => q.average)).toEqual([4, 3, 2]);
    expect(agg.buildings).toEqual([
      { buildingId: 'x', invited: 2, completed: 1, average: 4 },
      { buildingId: 'y', invited: 1, completed: 1, average: 2 },
    ]);
  });
});
