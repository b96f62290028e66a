// The recogniser on its own: the model file matches the corpus and the flow registry, the emergency rule layer both
// ways, the safety figures on the dev sets, and the slots read by rules.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FLOWS, isCommandFlowKey, RECOGNISED_INTENTS } from '../../dialogs/flow-registry.js';
import { CONVERSATIONAL_INTENTS, INTENTS } from '../../src/nlu/labels.js';
import { emergencyRules } from '../../src/nlu/emergency-rules.js';
import { loadRecognizer, readNluModel } from '../../src/nlu/model-file.js';
import { decideEmergency } from '../../src/nlu/recognizer.js';
import { readSlots } from '../../src/nlu/slots.js';
import { corpusHash, LANGUAGES, loadCorpus, loadDev, loadTest, MODEL_FILE } from '../../scripts/nlu/corpus.js';

const rec = loadRecognizer(RECOGNISED_INTENTS);

describe('the model file', () => {
  it('was trained on the corpus as it is now (run `npm run nlu:train` after editing data/nlu)', () => {
    expect(fs.existsSync(MODEL_FILE)).toBe(true);
    expect(readNluModel().corpusHash).toBe(corpusHash());
  });

  it('knows every intent the flow registry routes, and every intent it answers has a flow or is conversational', () => {
    // Complaint categories are classes of the intent model too ("complaint/噪音"): the intents are what comes before "/".
    const modelIntents = rec.modelIntents;
    // Flows reached by command words only (装修申报, 访客…) have no label of their own in the model.
    for (const f of FLOWS) if (!isCommandFlowKey(f.intent)) expect(modelIntents, f.intent).toContain(f.intent);
    for (const i of modelIntents) expect([...FLOWS.map((f) => f.intent), ...CONVERSATIONAL_INTENTS], i).toContain(i);
    expect([...modelIntents].sort()).toEqual([...INTENTS].sort());
  });

  it('has examples of every intent in both languages, and never a dev or test line among them', () => {
    const corpus = loadCorpus();
    for (const lang of LANGUAGES)
      for (const intent of INTENTS)
        expect(
          corpus.some((l) => l.lang === lang && l.intent === intent),
          `${lang} ${intent}`,
        ).toBe(true);
    const train = new Set(corpus.map((l) => l.text.trim()));
    const leaked = LANGUAGES.flatMap((l) => [...loadDev(l), ...loadTest(l)]).filter((d) => train.has(d.text.trim()));
    expect(leaked).toEqual([]);
  });
});

describe('emergencies: recall first, never invented', () => {
  it.each([
    ['有人在砸车窗', 'file', 'security'],
    ['救命，我困在电梯里了', 'file', 'lift'],
    ['楼道冒黑烟', 'file', 'fire'],
    ['家里煤气味好重', 'file', 'gas'],
    ['水管爆了水漫出来了', 'file', 'water'],
    ['有老人晕倒了', 'file', 'medical'],
    ['someone is breaking into my car', 'file', 'security'],
    ['I am stuck in the lift', 'file', 'lift'],
    ['help!!', 'file', null],
    ["there's smoke in the hallway", 'file', 'fire'],
  ])('%s → %s (%s)', (text, decision, kind) => {
    const u = rec.recognize(text);
    expect(u.emergency.decision).toBe(decision);
    expect(u.emergency.kind).toBe(kind);
    expect(u.candidates[0]?.intent).toBe('emergency');
  });

  it.each([
    ['不紧急，就是想问一下物业费怎么交'],
    ['之前有人偷电动车，建议装个摄像头'],
    ['上周楼道着过火，建议多放灭火器'],
    ['去年电梯困过人，希望加强维保'],
    ['楼下有人抽烟烟味飘上来'],
    ['灭火器过期了'],
    ['not urgent, the corridor light is out'],
    ['what can you help me with'],
    ['help me with my fees please'],
    ['stray cats fighting at night again'],
  ])('%s → nothing filed', (text) => {
    expect(rec.recognize(text).emergency.decision).not.toBe('file');
  });

  it('the rule layer: a danger word without a cue files; a cue lets the model decide; the model alone only asks', () => {
    expect(decideEmergency(true, false, 0)).toBe('file');
    expect(decideEmergency(true, true, 0.9)).toBe('ask');
    expect(decideEmergency(true, true, 0.1)).toBe('none');
    expect(decideEmergency(false, false, 0.95)).toBe('ask');
    expect(decideEmergency(false, false, 0.2)).toBe('none');
    expect(decideEmergency(false, true, 0.95)).toBe('none');
    expect(emergencyRules('有人在偷偷装修')).toMatchObject({ danger: false });
    expect(emergencyRules('小区的喷水池坏了')).toMatchObject({ danger: false });
    expect(emergencyRules('之前有人偷电动车')).toMatchObject({ danger: true, cue: 'past' });
  });

  it.each(LANGUAGES)('on the %s dev set: every emergency filed or asked, at most 2 %% of the rest filed', (lang) => {
    const dev = loadDev(lang);
    const emergencies = dev.filter((d) => d.intent === 'emergency');
    const others = dev.filter((d) => d.intent !== 'emergency');
    const missed = emergencies.filter((d) => rec.recognize(d.text).emergency.decision === 'none').map((d) => d.text);
    const invented = others.filter((d) => rec.recognize(d.text).emergency.decision === 'file').map((d) => d.text);
    expect(missed).toEqual([]);
    expect(invented.length / others.length).toBeLessThanOrEqual(0.02);
  });
});

describe('slots read from the same message', () => {
  it('reads a unit, a mobile number and the name next to it', () => {
    expect(readSlots('我是3栋2单元1201的，楼上漏水').unit).toEqual({ building: '3', entrance: '2', room: '1201' });
    expect(readSlots('让王师傅 13900001111 明天来取钥匙')).toMatchObject({ phone: '13900001111', name: '王师傅' });
    expect(readSlots('添加授权人王芳13500002222')).toMatchObject({ phone: '13500002222', name: '王芳' });
    expect(readSlots('我的电话13812345678').name).toBeNull();
    // A phone number is not an address.
    expect(readSlots('13812345678').unit).toBeNull();
  });
});
