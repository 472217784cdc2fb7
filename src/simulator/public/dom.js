// Tiny DOM helpers. Text is only ever set with textContent / text nodes: nothing the bot sends is parsed as HTML.

/**
 * Creates an element. `props`: className, text, title, attrs {name: value}, style {prop: value}, on {event: fn},
 * dataset {key: value}. Children: elements, strings (as text nodes), or null/undefined/false (skipped).
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props ?? {})) {
    if (v === undefined || v === null) continue;
    if (k === 'className') el.className = v;
    else if (k === 'text') el.textContent = String(v);
    else if (k === 'style') setStyle(el, v);
    else if (k === 'on') {
      for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
    }
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'attrs') {
      for (const [a, av] of Object.entries(v)) {
        if (av !== undefined && av !== null && av !== false) el.setAttribute(a, String(av));
      }
    } else el[k] = v;
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
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

/** Only http(s) and same-origin/data image URLs are loaded. */
export function safeImageUrl(url) {
  if (typeof url !== 'string') return undefined;
  if (/^https?:\/\//i.test(url) || /^data:image\//i.test(url) || /^\/simulator\//.test(url)) return url;
  return undefined;
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
}
