// npm run nlu:train — trains the intent and sub-label models on data/nlu/<lang>/*.yaml and writes data/nlu/model.json
// (loaded at start-up; the app never trains). Deterministic: the same corpus writes the same file.
import fs from 'node:fs';
import { trainNluModel } from '../../src/nlu/nlu-model.js';
import { corpusHash, loadCorpus, MODEL_FILE } from './corpus.js';

const t0 = performance.now();
const corpus = loadCorpus();
const model = trainNluModel(corpus, corpusHash());
fs.writeFileSync(MODEL_FILE, `${JSON.stringify(model)}\n`);
const kb = (fs.statSync(MODEL_FILE).size / 1024).toFixed(0);
console.log(
  `trained on ${corpus.length} lines (${new Set(model.intent.labels.map((l) => l.split('/')[0])).size} intents, ${model.intent.features.length} features) in ${((performance.now() - t0) / 1000).toFixed(1)} s → ${MODEL_FILE} (${kb} KB)`,
);
