// What every benchmark part reports: rows of the one table scripts/bench.mjs prints, and the two
// reductions they use (the median of the runs, milliseconds to one decimal).
export interface Row {
  group: string;
  name: string;
  value: number | string;
  unit: string;
  target: string;
  floor: number | string;
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export const ms = (x: number) => Math.round(x * 10) / 10;
