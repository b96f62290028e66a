// What the classifier sees of a message: character 1–3-grams over Chinese (no word segmenter: owners' typos and
// 方言 words break dictionaries, n-grams degrade gracefully), word 1–2-grams and character 3-grams of English words,
// digit runs folded into one symbol (a room number says nothing about intent). Features are hashed to 32-bit ids,
// so the model file holds numbers, not a vocabulary. Plus one feature per word family the message mentions
// (src/nlu/lexicon.ts): a word the corpus never paired with a category still counts for its family.
import { familiesOf } from './lexicon.js';

/** One unit of text: a Han character, a Latin word, or a digit run. */
type Unit = string;

const HAN = /\p{Script=Han}/u;
const LATIN_WORD = /^[a-z][a-z']*$/;

/** NFKC (full-width → half-width), lower case, digits folded: the form every rule and feature reads. */
export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** The message as segments of units; punctuation, spaces and symbols end a segment. */
export function segments(text: string): Unit[][] {
  const out: Unit[][] = [];
  let current: Unit[] = [];
  const flush = () => {
    if (current.length) out.push(current);
    current = [];
  };
  const s = normalize(text);
  let i = 0;
  while (i < s.length) {
    const cp = s.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    if (HAN.test(ch)) {
      current.push(ch);
      i += ch.length;
    } else if (ch >= '0' && ch <= '9') {
      let j = i;
      while (j < s.length && s[j]! >= '0' && s[j]! <= '9') j++;
      current.push('#');
      i = j;
    } else if (ch >= 'a' && ch <= 'z') {
      let j = i;
      while (j < s.length && /[a-z']/.test(s[j]!)) j++;
      current.push(s.slice(i, j));
      i = j;
    } else {
      // Spaces between English words keep them in one segment (bigrams across words); everything else splits.
      if (ch === ' ' && current.length && LATIN_WORD.test(current[current.length - 1]!)) {
        let j = i;
        while (s[j] === ' ') j++;
        if (/[a-z]/.test(s[j] ?? '')) {
          i = j;
          continue;
        }
      }
      flush();
      i += ch.length;
    }
  }
  flush();
  return out;
}

/** 32-bit FNV-1a of a string (features and their ids must be the same at training and at run time). */
export function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The distinct feature ids of a message (unordered). */
export function featuresOf(text: string): number[] {
  const ids = new Set<number>();
  for (const seg of segments(text)) {
    for (let i = 0; i < seg.length; i++) {
      const u = seg[i]!;
      ids.add(hash(`1|${u}`));
      if (i + 1 < seg.length) ids.add(hash(`2|${u}|${seg[i + 1]}`));
      if (i + 2 < seg.length) {
        ids.add(hash(`3|${u}|${seg[i + 1]}|${seg[i + 2]}`));
        // A skip-bigram: "电梯又坏" and "电梯坏" share 电_坏 only through it.
        ids.add(hash(`s|${u}|${seg[i + 2]}`));
      }
      // English typos and inflections ("complain", "complaining", "complian") share character 3-grams.
      if (u.length > 3 && LATIN_WORD.test(u)) {
        const w = `<${u}>`;
        for (let k = 0; k + 3 <= w.length; k++) ids.add(hash(`c|${w.slice(k, k + 3)}`));
      }
    }
  }
  for (const f of familiesOf(text)) ids.add(hash(`g|${f}`));
  return [...ids];
}
