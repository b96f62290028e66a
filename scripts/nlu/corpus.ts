// Reads the NLU corpus (data/nlu/<lang>/*.yaml) and the dev set (data/nlu/dev/<lang>.yaml). Used by training, the
// eval and the tests only: the app loads the trained model file, not the corpus.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { INTENTS, SUB_LABELS, UNSPECIFIED, type Intent } from '../../src/nlu/labels.js';
import type { LabelledText } from '../../src/nlu/nlu-model.js';

export const NLU_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data/nlu');
export const MODEL_FILE = path.join(NLU_DIR, 'model.json');
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];

const text = z.string().min(1).max(500);
const fileSchema = z.object({
  intent: z.enum(INTENTS),
  examples: z.union([z.array(text), z.record(z.string(), z.array(text))]),
});

export interface CorpusLine extends LabelledText {
  lang: Lang;
  file: string;
}

function trainingFiles(): string[] {
  return LANGUAGES.flatMap((lang) =>
    fs
      .readdirSync(path.join(NLU_DIR, lang))
      .filter((f) => f.endsWith('.yaml'))
      .sort()
      .map((f) => path.join(NLU_DIR, lang, f)),
  );
}

/** Every training line of both languages, checked against the label set (a typo in a label fails loudly). */
export function loadCorpus(): CorpusLine[] {
  const out: CorpusLine[] = [];
  for (const file of trainingFiles()) {
    const lang = path.basename(path.dirname(file)) as Lang;
    const parsed = fileSchema.safeParse(parse(fs.readFileSync(file, 'utf8'), { schema: 'failsafe' }));
    if (!parsed.success) throw new Error(`${file}: ${parsed.error.message}`);
    const { intent, examples } = parsed.data;
    const groups = Array.isArray(examples) ? { [UNSPECIFIED]: examples } : examples;
    for (const [sub, lines] of Object.entries(groups)) {
      checkSub(file, intent, sub);
      for (const t of lines) out.push({ text: String(t), intent, sub, lang, file: path.relative(NLU_DIR, file) });
    }
  }
  return out;
}

function checkSub(where: string, intent: Intent, sub: string): void {
  const allowed = SUB_LABELS[intent];
  if (sub === UNSPECIFIED) return;
  if (!allowed?.includes(sub)) throw new Error(`${where}: "${sub}" is not a sub label of ${intent}`);
}

/** The hash the model file records: any edit to a training file changes it. */
export function corpusHash(): string {
  const h = crypto.createHash('sha256');
  for (const file of trainingFiles()) {
    h.update(path.relative(NLU_DIR, file));
    h.update('\0');
    h.update(fs.readFileSync(file));
    h.update('\0');
  }
  return h.digest('hex');
}

export interface DevItem {
  text: string;
  intent: Intent;
  sub: string;
  /** Expected slots, when the line has them ("3-2-1201" for a unit; a phone number; a name). */
  unit?: string;
  phone?: string;
  name?: string;
  lang: Lang;
}

const devRow = z.union([
  z.tuple([text, z.enum(INTENTS)]),
  z.tuple([text, z.enum(INTENTS), z.string()]),
  z.tuple([
    text,
    z.enum(INTENTS),
    z.string(),
    z.object({ unit: z.string().optional(), phone: z.string().optional(), name: z.string().optional() }),
  ]),
]);

export const HELD_OUT_SETS = ['dev', 'test'] as const;
export type HeldOutSet = (typeof HELD_OUT_SETS)[number];

/** The dev set: lines training never sees, written in another style (see data/nlu/README.md). */
export function loadDev(lang: Lang): DevItem[] {
  return loadHeldOut('dev', lang);
}

/** The test set: held out for good — never trained on and never tuned against; only reported. */
export function loadTest(lang: Lang): DevItem[] {
  return loadHeldOut('test', lang);
}

export function loadHeldOut(set: HeldOutSet, lang: Lang): DevItem[] {
  const file = path.join(NLU_DIR, set, `${lang}.yaml`);
  const rows = z.array(z.unknown()).parse(parse(fs.readFileSync(file, 'utf8'), { schema: 'failsafe' }));
  return rows.map((raw, i) => {
    const r = devRow.safeParse(raw);
    if (!r.success) throw new Error(`${file} row ${i + 1} ${JSON.stringify(raw)}: ${r.error.message}`);
    const [t, intent, sub = UNSPECIFIED, slots = {}] = r.data as [string, Intent, string?, Record<string, string>?];
    checkSub(`${file} row ${i + 1}`, intent, sub);
    return { text: String(t), intent, sub, ...slots, lang };
  });
}
