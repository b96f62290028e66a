// npm run eval:nlu — the recogniser on the dev set (lines training never saw, written in another style) and on the
// TEST set (held out for good: never trained on, never tuned against — its figures are the honest ones): accuracy per
// intent (with precision), per complaint category, per sub-action and per slot, the confusion pairs, emergency recall,
// the false-emergency rate and the emergency confusion (every missed and every invented emergency, by text); then
// 5-fold cross-validation on the training corpus. Prints markdown tables (README). `--misses` lists every miss.
import fs from 'node:fs';
import { LinearModel, mulberry32 } from '../../src/nlu/linear-model.js';
import { featuresOf } from '../../src/nlu/features.js';
import { trainNluModel, type NluModelJson } from '../../src/nlu/nlu-model.js';
import { HIGH, LOW, Recognizer, type Understanding } from '../../src/nlu/recognizer.js';
import { SUB_LABELS, UNSPECIFIED } from '../../src/nlu/labels.js';
import { formatUnitAddress } from '../../src/identity/address.parser.js';
import {
  corpusHash,
  HELD_OUT_SETS,
  LANGUAGES,
  loadCorpus,
  loadHeldOut,
  MODEL_FILE,
  type CorpusLine,
  type DevItem,
} from './corpus.js';

const pct = (n: number, d: number) => (d === 0 ? '—' : `${((100 * n) / d).toFixed(1)} %`);
const row = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;

function loadModel(): { model: NluModelJson; note: string } {
  const hash = corpusHash();
  // --retrain: score a model trained now (after changing features or training, before writing model.json).
  if (fs.existsSync(MODEL_FILE) && !process.argv.includes('--retrain')) {
    const model = JSON.parse(fs.readFileSync(MODEL_FILE, 'utf8')) as NluModelJson;
    if (model.corpusHash === hash) return { model, note: 'data/nlu/model.json (up to date with the corpus)' };
  }
  return {
    model: trainNluModel(loadCorpus(), hash),
    note: process.argv.includes('--retrain')
      ? 'trained now (--retrain)'
      : 'trained now: data/nlu/model.json is stale (npm run nlu:train)',
  };
}

/** What the bot does with a message: the emergency layer first, then the top candidate. */
function predictedIntent(u: Understanding): string {
  return u.emergency.decision !== 'none' ? 'emergency' : u.candidates[0]!.intent;
}

interface Tally {
  n: number;
  ok: number;
}
const bump = (m: Map<string, Tally>, key: string, ok: boolean) => {
  const t = m.get(key) ?? { n: 0, ok: 0 };
  t.n++;
  if (ok) t.ok++;
  m.set(key, t);
};

function evalDev(rec: Recognizer, items: DevItem[], title: string): string[] {
  const out: string[] = [];
  const perIntent = new Map<string, Tally>();
  const perCategory = new Map<string, Tally>();
  const perSub = new Map<string, Tally>();
  const perSlot = new Map<string, Tally>();
  const confusion = new Map<string, number>();
  const bands = new Map<string, Tally>();
  /** Per predicted intent: how many predictions, how many right (precision). */
  const predicted = new Map<string, Tally>();
  const missedEmergencies: string[] = [];
  const askedEmergencies: string[] = [];
  const inventedEmergencies: string[] = [];
  const askedOthers: string[] = [];
  let ok = 0;
  let emergencies = 0;
  let caught = 0;
  let filed = 0;
  let others = 0;
  let falseFiled = 0;
  let falseAsked = 0;
  const misses: string[] = [];
  for (const it of items) {
    const u = rec.recognize(it.text);
    const got = predictedIntent(u);
    const good = got === it.intent;
    if (good) ok++;
    else {
      confusion.set(`${it.intent} → ${got}`, (confusion.get(`${it.intent} → ${got}`) ?? 0) + 1);
      misses.push(
        `  ${it.intent}${it.sub !== UNSPECIFIED ? `/${it.sub}` : ''} → ${got} (${u.candidates[0]!.score.toFixed(2)}, ${u.band}): ${it.text}`,
      );
    }
    bump(perIntent, it.intent, good);
    bump(predicted, got, good);
    bump(bands, u.band, good);
    if (it.intent === 'emergency') {
      emergencies++;
      if (u.emergency.decision !== 'none') caught++;
      if (u.emergency.decision === 'file') filed++;
      if (u.emergency.decision === 'none') missedEmergencies.push(`${it.text} (→ ${got})`);
      if (u.emergency.decision === 'ask') askedEmergencies.push(it.text);
    } else {
      others++;
      if (u.emergency.decision === 'file') {
        falseFiled++;
        inventedEmergencies.push(`${it.text} (${it.intent}, rule ${u.emergency.kind ?? 'call for help'})`);
      }
      if (u.emergency.decision === 'ask') {
        falseAsked++;
        askedOthers.push(`${it.text} (${it.intent})`);
      }
    }
    // Sub labels: scored on the lines that have one, given the gold intent (what the flow would pre-fill).
    if (it.sub !== UNSPECIFIED && it.intent !== 'emergency') {
      const top = u.candidates.find((c) => c.intent === it.intent);
      const sub = top?.sub ?? null;
      const subOk = good && sub === it.sub;
      if (it.intent === 'complaint') bump(perCategory, it.sub, subOk);
      else bump(perSub, `${it.intent}.${it.sub}`, subOk);
      if (!subOk && good) misses.push(`  ${it.intent}/${it.sub} → sub ${sub ?? '(none: asks)'}: ${it.text}`);
    }
    if (it.intent === 'emergency' && it.sub !== UNSPECIFIED)
      bump(perSub, `emergency.${it.sub}`, u.emergency.kind === it.sub);
    if (it.unit !== undefined) {
      const unit = u.slots.unit;
      bump(
        perSlot,
        'unit',
        unit !== null &&
          `${unit.building}-${unit.entrance ?? ''}-${unit.room}`.replace('--', '-') === it.unit.replace('--', '-'),
      );
      if (unit && `${unit.building}-${unit.entrance ?? ''}-${unit.room}` !== it.unit)
        misses.push(`  unit ${it.unit} → ${formatUnitAddress(unit)}: ${it.text}`);
    }
    if (it.phone !== undefined) bump(perSlot, 'phone', u.slots.phone === it.phone);
    if (it.name !== undefined) {
      bump(perSlot, 'name', u.slots.name === it.name);
      if (u.slots.name !== it.name) misses.push(`  name ${it.name} → ${u.slots.name}: ${it.text}`);
    }
  }
  const tally = (m: Map<string, Tally>) => {
    let n = 0;
    let k = 0;
    for (const t of m.values()) {
      n += t.n;
      k += t.ok;
    }
    return { n, ok: k };
  };
  const cat = tally(perCategory);
  const sub = tally(perSub);
  out.push(`### ${title}: ${items.length} lines`, '');
  out.push(row(['measure', 'value', 'goal']), row(['---', '--:', '---']));
  out.push(row(['intent accuracy', pct(ok, items.length), '≥ 95 %']));
  out.push(
    row(['complaint category (intent and category right)', `${pct(cat.ok, cat.n)} (${cat.ok}/${cat.n})`, '≥ 90 %']),
  );
  out.push(row(['sub-action / emergency kind', `${pct(sub.ok, sub.n)} (${sub.ok}/${sub.n})`, '']));
  out.push(
    row([
      'emergency recall (filed or asked with the phone shown)',
      `${pct(caught, emergencies)} (${caught}/${emergencies})`,
      '100 %',
    ]),
  );
  out.push(row(['… of which filed at once', `${pct(filed, emergencies)} (${filed}/${emergencies})`, '']));
  out.push(
    row([
      'false emergencies (non-emergency filed as EMERGENCY)',
      `${pct(falseFiled, others)} (${falseFiled}/${others})`,
      '≤ 2 %',
    ]),
  );
  out.push(
    row([
      'non-emergency asked the yes/no emergency question',
      `${pct(falseAsked, others)} (${falseAsked}/${others})`,
      '',
    ]),
  );
  for (const [slot, t] of perSlot) out.push(row([`slot: ${slot}`, `${pct(t.ok, t.n)} (${t.ok}/${t.n})`, '']));
  for (const b of ['high', 'middle', 'low']) {
    const t = bands.get(b) ?? { n: 0, ok: 0 };
    out.push(
      row([
        `band ${b} (${b === 'high' ? `≥ ${HIGH}` : b === 'middle' ? `${LOW}–${HIGH}` : `< ${LOW}`}): share / right`,
        `${pct(t.n, items.length)} / ${pct(t.ok, t.n)}`,
        '',
      ]),
    );
  }
  out.push('', row(['intent', 'lines', 'right (recall)', 'precision']), row(['---', '--:', '--:', '--:']));
  for (const [k, t] of [...perIntent].sort()) {
    const p = predicted.get(k) ?? { n: 0, ok: 0 };
    out.push(row([k, t.n, pct(t.ok, t.n), pct(p.ok, p.n)]));
  }
  out.push('', row(['complaint category', 'lines', 'right']), row(['---', '--:', '--:']));
  for (const [k, t] of [...perCategory].sort()) out.push(row([k, t.n, pct(t.ok, t.n)]));
  out.push('', row(['sub-action', 'lines', 'right']), row(['---', '--:', '--:']));
  for (const [k, t] of [...perSub].sort()) out.push(row([k, t.n, pct(t.ok, t.n)]));
  const pairs = [...confusion].sort((a, b) => b[1] - a[1]);
  out.push('', `Confusion pairs (gold → predicted): ${pairs.map(([k, v]) => `${k} ×${v}`).join(', ') || 'none'}`, '');
  const list = (xs: string[]) => (xs.length ? xs.map((x) => `「${x}」`).join(', ') : 'none');
  out.push(
    'Emergency confusion:',
    `- missed (a danger answered as something else): ${list(missedEmergencies)}`,
    `- invented (a non-emergency filed as EMERGENCY): ${list(inventedEmergencies)}`,
    `- emergencies asked (yes/no with the phone shown) instead of filed: ${list(askedEmergencies)}`,
    `- non-emergencies asked the yes/no question: ${list(askedOthers)}`,
    '',
  );
  if (process.argv.includes('--misses')) out.push('Misses:', ...misses, '');
  return out;
}

/** k-fold cross-validation on the training corpus, stratified by intent: intent and category accuracy per fold. */
function crossValidate(corpus: CorpusLine[], k = 5): string[] {
  const rand = mulberry32(7);
  const folds = new Map<CorpusLine, number>();
  const byIntent = new Map<string, CorpusLine[]>();
  for (const l of corpus) byIntent.set(l.intent, [...(byIntent.get(l.intent) ?? []), l]);
  for (const lines of byIntent.values()) {
    const shuffled = [...lines].sort(() => rand() - 0.5);
    shuffled.forEach((l, i) => folds.set(l, i % k));
  }
  const intentAcc: number[] = [];
  const catAcc: number[] = [];
  for (let f = 0; f < k; f++) {
    const train = corpus.filter((l) => folds.get(l) !== f);
    const test = corpus.filter((l) => folds.get(l) === f);
    const rec = new Recognizer(trainNluModel(train, 'cv'));
    let ok = 0;
    let catN = 0;
    let catOk = 0;
    for (const l of test) {
      const u = rec.recognize(l.text);
      const got = predictedIntent(u);
      if (got === l.intent) ok++;
      if (l.intent === 'complaint' && l.sub !== UNSPECIFIED) {
        catN++;
        if (got === 'complaint' && u.candidates[0]!.sub === l.sub) catOk++;
      }
    }
    intentAcc.push(ok / test.length);
    catAcc.push(catOk / catN);
  }
  const fmt = (xs: number[]) =>
    `${((100 * xs.reduce((a, b) => a + b, 0)) / xs.length).toFixed(1)} % (folds ${xs.map((x) => (100 * x).toFixed(0)).join(' / ')})`;
  return [
    `### ${k}-fold cross-validation on the training corpus (${corpus.length} lines, both languages)`,
    '',
    row(['measure', 'mean (per fold)']),
    row(['---', '---']),
    row(['intent accuracy', fmt(intentAcc)]),
    row(['complaint category (intent and category right)', fmt(catAcc)]),
    '',
  ];
}

const { model, note } = loadModel();
const rec = new Recognizer(model);
const lines = [
  `Model: ${note}; ${new Set(model.intent.labels.map((l) => l.split('/')[0])).size} intents, ${Object.keys(model.subs).length} sub-label models.`,
  '',
];
// --dev-only: the working loop while changing the corpus or the model (the test set is looked at only when reporting).
const sets = process.argv.includes('--dev-only') ? (['dev'] as const) : HELD_OUT_SETS;
for (const set of sets)
  for (const lang of LANGUAGES)
    lines.push(
      ...evalDev(
        rec,
        loadHeldOut(set, lang),
        set === 'dev' ? `Dev set ${lang}` : `TEST set ${lang} (held out: never trained on, never tuned against)`,
      ),
    );
if (!process.argv.includes('--no-cv')) lines.push(...crossValidate(loadCorpus()));
console.log(lines.join('\n'));
void LinearModel;
void featuresOf;
void SUB_LABELS;
