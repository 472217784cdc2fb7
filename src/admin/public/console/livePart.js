/*
 * A part of a page that follows its data. A page refreshes its data (after an action, or on its poll) and hands
 * each part the slice it shows; a part is rebuilt and swapped in place only when that slice changed. So a
 * refresh leaves the rest of the page alone: a reply being typed, a revealed number, a transcript's scroll.
 */

/**
 * `build(slice)` returns the part's element (or null for nothing). `part.node` is what to put in the page first;
 * `part.update(slice)` rebuilds when `slice` differs (as JSON) from the last one, and says whether it did.
 */
export function livePart(build) {
  let node = document.createComment('');
  let last;
  return {
    get node() {
      return node;
    },
    update(slice) {
      const key = JSON.stringify(slice === undefined ? null : slice);
      if (key === last) return false;
      last = key;
      const next = build(slice) || document.createComment('');
      if (node.parentNode) node.replaceWith(next);
      node = next;
      return true;
    },
  };
}

/** Runs `load` (which returns a promise of the data) and `apply`s only the newest answer when calls overlap. */
export function latestOnly(load, apply) {
  let seq = 0;
  return async () => {
    const mine = ++seq;
    const data = await load();
    if (mine === seq) apply(data);
  };
}
