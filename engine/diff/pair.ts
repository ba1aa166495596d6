/**
 * Pairing the items of two lists (bands, rule items, grade levels, types…) so that an edited
 * item is reported as edited rather than as one removed and one added.
 */

/** An item of the old list, the new list, or both. */
export interface Pair<T> {
  readonly old: T | null;
  readonly new: T | null;
}

/** A key identifying an item, or null when the item has none under this rule. */
export type KeyFn<T> = (item: T) => string | null;

/**
 * Pairs items by each key rule in turn (equal keys pair in list order), then — when `leftover`
 * is given — the still unpaired items in list order where `leftover(a, b)` allows. Pairs come in
 * the new list's order, followed by the old items left unpaired.
 */
export function pairLists<T>(old: readonly T[], now: readonly T[], keys: readonly KeyFn<T>[], leftover?: (a: T, b: T) => boolean): Pair<T>[] {
  const partner = new Array<number>(now.length).fill(-1);
  const taken = new Array<boolean>(old.length).fill(false);
  for (const key of keys) {
    const free = new Map<string, number[]>();
    old.forEach((a, i) => {
      const k = taken[i] ? null : key(a);
      if (k !== null) free.set(k, [...(free.get(k) ?? []), i]);
    });
    now.forEach((b, j) => {
      const k = partner[j]! >= 0 ? null : key(b);
      const i = k === null ? undefined : free.get(k)?.shift();
      if (i !== undefined) { partner[j] = i; taken[i] = true; }
    });
  }
  if (leftover) {
    now.forEach((b, j) => {
      if (partner[j]! >= 0) return;
      const i = old.findIndex((a, i2) => !taken[i2] && leftover(a, b));
      if (i >= 0) { partner[j] = i; taken[i] = true; }
    });
  }
  const pairs: Pair<T>[] = now.map((b, j) => ({ old: partner[j]! >= 0 ? old[partner[j]!]! : null, new: b }));
  old.forEach((a, i) => { if (!taken[i]) pairs.push({ old: a, new: null }); });
  return pairs;
}
