// One recogniser for every free-text decision: scored intent candidates, the sub label of each (complaint category,
// sub-action, kind of emergency), slots read by rules, and the emergency decision (model + rule layer). Pure and
// synchronous: ~0.1 ms a message (bench/nlu.bench.ts).
import { emergencyRules, type EmergencyCue } from './emergency-rules.js';
import { featuresOf } from './features.js';
import { LinearModel } from './linear-model.js';
import { isIntent, UNSPECIFIED, type EmergencyKind, type Intent } from './labels.js';
import { JOINT_SEPARATOR, type NluModelJson } from './nlu-model.js';
import { readSlots, type Slots } from './slots.js';

export interface Candidate {
  intent: Intent;
  score: number;
  /** The sub label when the message names one with confidence, else null. */
  sub: string | null;
  subScore: number;
}

/** file: an EMERGENCY ticket now; ask: one yes/no question with the emergency phone shown; none: not an emergency. */
export type EmergencyDecision = 'file' | 'ask' | 'none';

export type Band = 'high' | 'middle' | 'low';

export interface Understanding {
  text: string;
  /** Best first; never empty (the last resort is `none`). Emergency is first only when the decision is file/ask. */
  candidates: Candidate[];
  band: Band;
  emergency: { decision: EmergencyDecision; kind: EmergencyKind | null; cue: EmergencyCue | null };
  slots: Slots;
}

/** Score bands (tuned on the dev set, see README): at or above HIGH the flow starts; below LOW the menu shows. */
export const HIGH = 0.7;
export const LOW = 0.35;
/** A sub label is used only at or above this score (otherwise the flow asks). */
export const SUB_MIN = 0.3;
/** Without a danger word, the model alone asks the yes/no question from this score; it never files on its own. */
export const EMERGENCY_ASK = 0.5;

export interface RecognizerOptions {
  /** The intents the app can act on (the flow registry's plus the conversational ones); others count as `none`. */
  labels?: readonly string[];
}

export class Recognizer {
  private readonly intentModel: LinearModel;
  private readonly subModels = new Map<string, LinearModel>();
  private readonly labels: Set<string> | null;

  constructor(json: NluModelJson, opts: RecognizerOptions = {}) {
    this.intentModel = LinearModel.fromJSON(json.intent);
    for (const [name, m] of Object.entries(json.subs)) this.subModels.set(name, LinearModel.fromJSON(m));
    this.labels = opts.labels ? new Set(opts.labels) : null;
  }

  /** The intents this model was trained on. */
  get modelIntents(): string[] {
    return [...new Set(this.intentModel.labels.map((l) => l.split(JOINT_SEPARATOR)[0]!))];
  }

  recognize(text: string): Understanding {
    const features = featuresOf(text);
    const scored = this.intentModel.score(features);
    // Intents the app cannot act on fold into `none`.
    const merged = new Map<Intent, number>();
    // "complaint/噪音" counts for complaint; its share of the complaint classes refines the category (nlu-model.ts JOINT).
    const joint = new Map<string, Map<string, number>>();
    for (const { label: raw, p } of scored) {
      const at = raw.indexOf(JOINT_SEPARATOR);
      const label = at > 0 ? raw.slice(0, at) : raw;
      if (at > 0) {
        const subs = joint.get(label) ?? new Map<string, number>();
        subs.set(raw.slice(at + 1), p);
        joint.set(label, subs);
      }
      const intent: Intent = isIntent(label) && (!this.labels || this.labels.has(label)) ? label : 'none';
      merged.set(intent, (merged.get(intent) ?? 0) + p);
    }
    let ranked = [...merged].sort((a, b) => b[1] - a[1]);

    const rules = emergencyRules(text);
    const pEmergency = merged.get('emergency') ?? 0;
    const decision = decideEmergency(rules.danger, rules.cue !== null, pEmergency);
    if (decision === 'none') ranked = ranked.filter(([intent]) => intent !== 'emergency');
    else
      ranked = [
        ['emergency', Math.max(pEmergency, decision === 'file' ? 1 : pEmergency)],
        ...ranked.filter(([i]) => i !== 'emergency'),
      ];
    if (ranked.length === 0) ranked = [['none', 1]];

    const candidates = ranked
      .slice(0, 3)
      .map(([intent, score]) => ({ intent, score, ...this.sub(intent, features, joint.get(intent)) }));
    let kind: EmergencyKind | null = null;
    if (decision !== 'none') {
      const fromModel = candidates[0]?.intent === 'emergency' ? candidates[0].sub : null;
      kind = rules.kind ?? (fromModel as EmergencyKind | null);
      if (candidates[0]) candidates[0].sub = kind;
    }
    const top = candidates[0]!;
    const band: Band = decision !== 'none' ? 'high' : top.score >= HIGH ? 'high' : top.score >= LOW ? 'middle' : 'low';
    return {
      text,
      candidates,
      band,
      emergency: { decision, kind, cue: rules.cue },
      slots: readSlots(text),
    };
  }

  private sub(
    intent: Intent,
    features: number[],
    joint: Map<string, number> | undefined,
  ): { sub: string | null; subScore: number } {
    const model = this.subModels.get(intent);
    if (!model) return { sub: null, subScore: 0 };
    let scored = model.score(features);
    if (joint?.size) {
      // The intent model's view of the categories (renormalised) averaged with the category model's.
      let total = 0;
      for (const v of joint.values()) total += v;
      scored = scored
        .map(({ label, p }) =>
          label === UNSPECIFIED ? { label, p } : { label, p: (p + (joint.get(label) ?? 0) / total) / 2 },
        )
        .sort((a, b) => b.p - a.p);
    }
    // The best named label, if it beats "said nothing more specific" ("_") and is sure enough.
    const best = scored.find((s) => s.label !== UNSPECIFIED)!;
    const unspecified = scored.find((s) => s.label === UNSPECIFIED)?.p ?? 0;
    const named = best.p >= SUB_MIN && best.p > unspecified;
    return { sub: named ? best.label : null, subScore: best.p };
  }
}

/**
 * Recall first: a danger word without a cue files whatever the model says. With a cue ("不紧急", "上周", "建议") a
 * danger word only asks when the model still leans to emergency; without a danger word the model can only ask (the
 * yes/no question shows the emergency phone at once), never file, and a cue silences it.
 */
export function decideEmergency(danger: boolean, cue: boolean, pEmergency: number): EmergencyDecision {
  if (danger && !cue) return 'file';
  if (pEmergency < EMERGENCY_ASK) return 'none';
  return danger || !cue ? 'ask' : 'none';
}
