// "Did you mean ...?": the closest few of a list of names to a word, by edit distance (a swap of
// two neighbours counts as one edit), with case-only differences closest of all. Pure.

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const prev2 = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let row = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let best = row[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      row[j] = d;
      if (d < best) best = d;
    }
    if (best > limit) return limit + 1;
    for (let j = 0; j <= b.length; j++) prev2[j] = prev[j];
    [prev, row] = [row, prev];
  }
  return prev[b.length];
}

/** How far a suggestion may be: about one edit per four characters, at least one, at most four. */
export function allowedDistance(word: string): number {
  return Math.max(1, Math.min(4, Math.floor(word.length / 4)));
}

/** The closest candidates to `word` (at most `max`), nearest first; none when nothing is close. */
export function closest(word: string, candidates: Iterable<string>, max = 3): string[] {
  const limit = allowedDistance(word);
  const scored: { name: string; score: number }[] = [];
  const seen = new Set<string>();
  for (const c of candidates) {
    if (c === word || seen.has(c)) continue;
    seen.add(c);
    const score = c.toLowerCase() === word.toLowerCase() ? 0.5 : editDistance(word, c, limit);
    if (score <= limit) scored.push({ name: c, score });
  }
  return scored.sort((a, b) => a.score - b.score || (a.name < b.name ? -1 : 1)).slice(0, max).map((s) => s.name);
}
