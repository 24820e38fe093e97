import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

/*
 * Chinese full-text search: text is segmented with jieba when it is written and stored as a 'simple' tsvector; the
 * database does matching and ranking. Names are short and rarely in the dictionary, so they are also indexed as
 * single characters and the whole name.
 */

let jieba: Jieba | undefined;
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Lower-case search tokens of a text (jieba words plus any latin/digit runs), without punctuation. */
export function tokens(text: string): string[] {
  if (!text) return [];
  const out = new Set<string>();
  for (const piece of segmenter().cut(text, false)) {
    for (const word of piece.toLowerCase().match(WORD) ?? []) out.add(word);
  }
  return [...out];
}

/** Tokens for a person's name: the name, each character, and each pair of characters. */
export function nameTokens(name: string): string[] {
  const chars = [...name.replace(/\s+/g, '')];
  const out = new Set<string>([chars.join('').toLowerCase()]);
  for (let i = 0; i < chars.length; i++) {
    out.add(chars[i]!.toLowerCase());
    if (i + 1 < chars.length) out.add(`${chars[i]}${chars[i + 1]}`.toLowerCase());
  }
  return [...out].filter((t) => /^[\p{L}\p{N}]+$/u.test(t));
}

/** The document text for `to_tsvector('simple', …)`. */
export function documentText(parts: { names?: string[]; texts?: string[] }): string {
  const all = [...(parts.names ?? []).flatMap(nameTokens), ...(parts.texts ?? []).flatMap(tokens)];
  return [...new Set(all)].join(' ');
}

/**
 * A safe `to_tsquery('simple', …)` string: every query token must match. Latin and digit tokens match as prefixes
 * (a partial word finds the longer one); Chinese tokens match exactly, because names are indexed by character,
 * pair and whole, and a one-character prefix would expand to thousands of index entries. Null when the query has
 * no searchable token.
 */
export function tsQuery(query: string): string | null {
  const words = new Set<string>();
  for (const t of tokens(query)) words.add(t);
  // A 2–4 character all-CJK query is most likely a name: also allow it as typed.
  const compact = query.replace(/\s+/g, '');
  if (/^[\p{Script=Han}]{2,4}$/u.test(compact)) words.add(compact);
  if (words.size === 0) return null;
  return [...words].map((w) => (/\p{Script=Han}/u.test(w) ? `'${w}'` : `'${w}':*`)).join(' & ');
}
