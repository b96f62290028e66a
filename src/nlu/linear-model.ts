// Multinomial logistic regression over sparse binary features: small, fast to score (a dot product per class over a
// message's few hundred features), and it gives calibrated-enough probabilities for the confidence bands. Trained by
// plain SGD with L2 and a fixed seed, so the same corpus always yields the same model file.

export interface Example {
  features: number[];
  label: string;
}

export interface TrainOptions {
  epochs?: number;
  learningRate?: number;
  l2?: number;
  seed?: number;
}

/** The serialised form (JSON): feature ids and int8-quantised weights, base64. */
export interface LinearModelJson {
  labels: string[];
  /** Feature ids, ascending. */
  features: number[];
  /** Weights row-major [feature][label], int8, scaled by `scale`. */
  weights: string;
  scale: number;
  bias: number[];
}

export interface Scored {
  label: string;
  p: number;
}

export class LinearModel {
  private readonly index: Map<number, number>;

  constructor(
    readonly labels: string[],
    features: number[],
    private readonly weights: Float32Array,
    private readonly bias: Float32Array,
  ) {
    this.index = new Map(features.map((f, i) => [f, i]));
  }

  /** Probabilities of every label, best first. */
  score(features: number[]): Scored[] {
    const k = this.labels.length;
    const z = Float64Array.from(this.bias);
    let n = 0;
    for (const f of features) if (this.index.has(f)) n++;
    const norm = n > 0 ? 1 / Math.sqrt(n) : 0;
    for (const f of features) {
      const row = this.index.get(f);
      if (row === undefined) continue;
      const base = row * k;
      for (let c = 0; c < k; c++) z[c]! += this.weights[base + c]! * norm;
    }
    const p = softmax(z);
    return this.labels.map((label, c) => ({ label, p: p[c]! })).sort((a, b) => b.p - a.p);
  }

  toJSON(): LinearModelJson {
    const k = this.labels.length;
    const ids = [...this.index.keys()];
    const order = ids.map((id, i) => [id, i] as const).sort((a, b) => a[0] - b[0]);
    let max = 0;
    for (const w of this.weights) max = Math.max(max, Math.abs(w));
    const scale = max / 127 || 1;
    const q = new Int8Array(order.length * k);
    order.forEach(([, row], i) => {
      for (let c = 0; c < k; c++) q[i * k + c] = Math.round(this.weights[row * k + c]! / scale);
    });
    return {
      labels: this.labels,
      features: order.map(([id]) => id),
      weights: Buffer.from(q.buffer).toString('base64'),
      scale,
      bias: [...this.bias].map((b) => Number(b.toFixed(5))),
    };
  }

  static fromJSON(json: LinearModelJson): LinearModel {
    const q = new Int8Array(Buffer.from(json.weights, 'base64'));
    const w = new Float32Array(q.length);
    for (let i = 0; i < q.length; i++) w[i] = q[i]! * json.scale;
    return new LinearModel(json.labels, json.features, w, Float32Array.from(json.bias));
  }

  static train(examples: Example[], opts: TrainOptions = {}): LinearModel {
    const epochs = opts.epochs ?? 30;
    const lr0 = opts.learningRate ?? 1;
    const l2 = opts.l2 ?? 1e-5;
    const labels = [...new Set(examples.map((e) => e.label))].sort();
    const k = labels.length;
    const labelIndex = new Map(labels.map((l, i) => [l, i]));
    const featureIds = [...new Set(examples.flatMap((e) => e.features))].sort((a, b) => a - b);
    const index = new Map(featureIds.map((f, i) => [f, i]));
    const rows = examples.map((e) => e.features.map((f) => index.get(f)!));
    const y = examples.map((e) => labelIndex.get(e.label)!);
    // Rare labels count more, so a big class (complaints) does not swallow a small one (thanks).
    const freq = new Array<number>(k).fill(0);
    for (const c of y) freq[c]!++;
    const mean = examples.length / k;
    const classWeight = freq.map((f) => Math.sqrt(mean / f));

    const w = new Float32Array(featureIds.length * k);
    const b = new Float32Array(k);
    const rand = mulberry32(opts.seed ?? 20261201);
    const order = examples.map((_, i) => i);
    const z = new Float64Array(k);
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      const lr = lr0 / (1 + epoch * 0.2);
      for (const i of order) {
        const feats = rows[i]!;
        const norm = feats.length > 0 ? 1 / Math.sqrt(feats.length) : 0;
        z.set(b);
        for (const f of feats) for (let c = 0; c < k; c++) z[c]! += w[f * k + c]! * norm;
        const p = softmax(z);
        const sw = classWeight[y[i]!]!;
        for (let c = 0; c < k; c++) {
          const g = (p[c]! - (c === y[i] ? 1 : 0)) * sw;
          b[c]! -= lr * g;
          for (const f of feats) {
            const at = f * k + c;
            w[at]! -= lr * (g * norm + l2 * w[at]!);
          }
        }
      }
    }
    return new LinearModel(labels, featureIds, w, b);
  }
}

function softmax(z: Float64Array): Float64Array {
  let max = -Infinity;
  for (const v of z) max = Math.max(max, v);
  const out = new Float64Array(z.length);
  let sum = 0;
  for (let c = 0; c < z.length; c++) sum += out[c] = Math.exp(z[c]! - max);
  for (let c = 0; c < z.length; c++) out[c]! /= sum;
  return out;
}

/** A small seeded PRNG: the same corpus trains the same model. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
