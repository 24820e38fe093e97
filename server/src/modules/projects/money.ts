/**
 * int8 and numeric columns arrive from the driver as strings. These convert them at the repository edge, refusing
 * anything that would not be exact in a JS number (money columns are capped at 2^53 - 1 by the schema).
 */
export function fen(value: string | number): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`not an exact fen amount: ${value}`);
  return n;
}

export function fenOrNull(value: string | number | null): number | null {
  return value === null ? null : fen(value);
}

/** numeric(p, 2) → number (scores, weights, indicator values; two decimals are exact enough for display). */
export function decimal(value: string | number): number {
  return typeof value === 'number' ? value : Number(value);
}

export function decimalOrNull(value: string | number | null): number | null {
  return value === null ? null : decimal(value);
}
