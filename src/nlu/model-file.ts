// The trained model lives in data/nlu/model.json (written by `npm run nlu:train`, committed with the corpus). The app
// only reads it: training takes seconds, loading a few milliseconds.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { REPO_ROOT } from '../shared/repo-root.js';
import type { NluModelJson } from './nlu-model.js';
import { Recognizer } from './recognizer.js';

export const DEFAULT_MODEL_FILE = path.join(REPO_ROOT, 'data', 'nlu', 'model.json');

// A plain loop for the long feature list: zod's per-element checks cost ~100 ms of start-up on 7k numbers.
const featureIds = z.custom<number[]>((v) => Array.isArray(v) && v.every((x) => Number.isInteger(x) && x >= 0), {
  message: 'feature ids must be non-negative integers',
});
const linear = z.object({
  labels: z.array(z.string()).min(1),
  features: featureIds,
  weights: z.string(),
  scale: z.number().positive(),
  bias: z.array(z.number()),
});
const modelSchema = z.object({
  version: z.literal(1),
  corpusHash: z.string(),
  intent: linear,
  subs: z.record(z.string(), linear),
});

const cache = new Map<string, NluModelJson>();

/** The model file, parsed and checked once per process (every bot built in a test run shares it). */
export function readNluModel(file = DEFAULT_MODEL_FILE): NluModelJson {
  let model = cache.get(file);
  if (!model) {
    model = modelSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8'))) as NluModelJson;
    cache.set(file, model);
  }
  return model;
}

export function loadRecognizer(labels: readonly string[], file = DEFAULT_MODEL_FILE): Recognizer {
  return new Recognizer(readNluModel(file), { labels });
}
