/*
 * The one DOM helper of our browser pages (the staff console and the simulator both load it, each from its own
 * static path: /admin/static/shared/dom.js and /simulator/static/shared/dom.js). Text is only ever set as text
 * nodes or textContent: nothing from the server or the bot is parsed as HTML.
 */

/**
 * Creates an element: h('div.card#id', props, ...children) or h('div', props, ...children).
 * `props` may be left out (a child in its place is taken as a child). Keys of `props`:
 *   className  classes added to those of the spec
 *   text       the element's textContent
 *   style      { prop: value } set through the CSSOM (see setStyle)
 *   on         { event: fn } listeners
 *   dataset    { key: value }
 *   attrs      { name: value } attributes (false/null/undefined skipped)
 *   any other  a non-string value goes to the DOM property of that name when it has one (hidden, checked, rows…),
 *              anything else becomes an attribute (`true` as an empty one); false/null/undefined are skipped.
 * Children: nodes, strings or numbers (as text), arrays of them, or null/undefined/false (skipped).
 */
export function h(spec, props, ...children) {
  const m = /^([a-z0-9-]+)?((?:[.#][\w-]+)*)$/i.exec(spec) || [];
  const el = document.createElement(m[1] || 'div');
  for (const part of (m[2] || '').match(/[.#][\w-]+/g) || []) {
    if (part[0] === '.') el.classList.add(part.slice(1));
    else el.id = part.slice(1);
  }
  if (props !== undefined && props !== null && (typeof props !== 'object' || props instanceof Node || Array.isArray(props))) {
    children.unshift(props);
    props = null;
  }
  for (const [k, v] of Object.entries(props || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'className') el.classList.add(...String(v).split(/\s+/).filter(Boolean));
    else if (k === 'text') el.textContent = String(v);
    else if (k === 'style') setStyle(el, v);
    else if (k === 'on') for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'attrs') {
      for (const [a, av] of Object.entries(v)) if (av !== undefined && av !== null && av !== false) el.setAttribute(a, av === true ? '' : String(av));
    } else if (k in el && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  return append(el, children);
}

/** Appends children (same rules as h) and returns `el`. */
export function append(el, children) {
  for (const c of [children].flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** Removes every child of `el` and returns it. */
export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

/** Sets styles through the CSSOM (invalid values, e.g. a bad colour from the bot, are simply ignored). */
export function setStyle(el, style) {
  for (const [k, v] of Object.entries(style)) {
    if (v === undefined || v === null || v === '') continue;
    if (k.startsWith('--')) el.style.setProperty(k, String(v));
    else el.style[k] = String(v);
  }
}
