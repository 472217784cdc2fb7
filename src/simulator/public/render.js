// Renders LINE message objects (text, sticker, image, location, template, Flex) from their real JSON, generically.
// `act(action)` is called when the user taps something that carries a LINE action.
import { h } from './shared/dom.js';

const SPACING = { none: '0px', xs: '2px', sm: '4px', md: '8px', lg: '12px', xl: '16px', xxl: '20px' };
const TEXT_SIZE = {
  xxs: '11px',
  xs: '13px',
  sm: '14px',
  md: '16px',
  lg: '19px',
  xl: '22px',
  xxl: '29px',
  '3xl': '35px',
  '4xl': '48px',
  '5xl': '74px',
};
const IMAGE_SIZE = {
  xxs: '40px',
  xs: '60px',
  sm: '80px',
  md: '100px',
  lg: '120px',
  xl: '140px',
  xxl: '160px',
  '3xl': '180px',
  '4xl': '200px',
  '5xl': '220px',
  full: '100%',
};
const ICON_SIZE = TEXT_SIZE;
const RADIUS = { none: '0px', xs: '2px', sm: '4px', md: '8px', lg: '12px', xl: '16px', xxl: '20px' };
const BORDER = { none: '0px', light: '0.5px', normal: '1px', medium: '2px', 'semi-bold': '3px', bold: '4px' };
const BUBBLE_WIDTH = { nano: '120px', micro: '160px', deca: '220px', hecto: '241px', kilo: '260px', mega: '300px', giga: '500px' };
const ALIGN = { start: 'flex-start', end: 'flex-end', center: 'center' };
const TEXT_ALIGN = { start: 'left', end: 'right', center: 'center' };

/** A keyword from a table, or a literal px/% value. */
const scale = (table, v) => (v === undefined ? undefined : (table[v] ?? (/^-?\d+(\.\d+)?(px|%)$/.test(v) ? v : undefined)));

export const STICKER_EMOJI = new Map();

/** Renders one message the bot sent. Returns an element that goes inside the bot's row. */
export function renderMessage(m, act) {
  switch (m?.type) {
    case 'text':
    case 'textV2':
      return h('div', { className: 'bubble bot-bubble' }, linkify(String(m.text ?? ''), act));
    case 'sticker':
      return renderSticker(m);
    case 'image':
      return h('div', { className: 'media' }, image(m.previewImageUrl ?? m.originalContentUrl, 'รูปภาพ'));
    case 'video':
      return h('div', { className: 'media' }, image(m.previewImageUrl, '▶ วิดีโอ'), h('div', { className: 'media-cap', text: '▶ วิดีโอ' }));
    case 'audio':
      return h('div', { className: 'bubble bot-bubble', text: `🔊 เสียง (${Math.round((m.duration ?? 0) / 1000)} วินาที)` });
    case 'location':
      return renderLocation(m);
    case 'template':
      return renderTemplate(m.template ?? {}, act);
    case 'flex':
      return h('div', { className: 'flex-msg', title: m.altText }, renderFlexContainer(m.contents ?? {}, act));
    case 'imagemap':
      return h('div', { className: 'bubble bot-bubble placeholder', text: `🗺 imagemap: ${m.altText ?? ''}` });
    default:
      return h('pre', { className: 'bubble bot-bubble raw', text: JSON.stringify(m, null, 2) });
  }
}

/** Text with http(s) links made clickable (as LINE does). */
function linkify(text, act) {
  const parts = [];
  const re = /https?:\/\/[^\s]+/g;
  let last = 0;
  for (const match of text.matchAll(re)) {
    parts.push(text.slice(last, match.index));
    const uri = match[0];
    parts.push(
      h('a', {
        href: uri,
        text: uri,
        on: {
          click: (e) => {
            e.preventDefault();
            act({ type: 'uri', uri });
          },
        },
      }),
    );
    last = match.index + uri.length;
  }
  parts.push(text.slice(last));
  return parts;
}

export function renderSticker(m) {
  const emoji = STICKER_EMOJI.get(`${m.packageId}/${m.stickerId}`) ?? '🧸';
  return h(
    'div',
    { className: 'sticker', title: `sticker ${m.packageId}/${m.stickerId}` },
    h('span', { className: 'sticker-emoji', text: emoji }),
    h('span', { className: 'sticker-id', text: `${m.packageId}/${m.stickerId}` }),
  );
}

export function renderLocation(m) {
  const lat = Number(m.latitude);
  const lng = Number(m.longitude);
  return h(
    'div',
    { className: 'location-card' },
    h(
      'div',
      { className: 'map' },
      h('span', { className: 'pin', text: '📍' }),
      h('span', { className: 'coords', text: `${lat.toFixed(5)}, ${lng.toFixed(5)}` }),
    ),
    h(
      'div',
      { className: 'loc-text' },
      m.title ? h('div', { className: 'loc-title', text: m.title }) : null,
      h('div', { className: 'loc-addr', text: m.address ?? '' }),
    ),
  );
}

/** Only http(s) and same-origin/data image URLs are loaded. */
function safeImageUrl(url) {
  if (typeof url !== 'string') return undefined;
  if (/^https?:\/\//i.test(url) || /^data:image\//i.test(url) || /^\/simulator\//.test(url)) return url;
  return undefined;
}

/** An <img> that becomes a grey placeholder when it cannot load (offline, or not an http(s) URL). */
function image(url, alt, style = {}) {
  const box = h('div', { className: 'img-box', style });
  const safe = safeImageUrl(url);
  const placeholder = () => {
    box.classList.add('img-missing');
    box.replaceChildren(h('span', { text: `🖼 ${alt ?? ''}`.trim() }));
  };
  if (!safe) {
    placeholder();
    return box;
  }
  const img = h('img', { src: safe, alt: alt ?? '', loading: 'lazy', referrerPolicy: 'no-referrer' });
  img.addEventListener('error', placeholder, { once: true });
  box.append(img);
  return box;
}

// ---- templates ------------------------------------------------------------------------------------------------

function templateButton(a, act) {
  return h('button', { className: 'tpl-btn', type: 'button', text: a?.label ?? '(ไม่มีชื่อปุ่ม)', on: { click: () => act(a) } });
}

function templateCard(col, act, t) {
  const ratio = t.imageAspectRatio === 'square' ? '1 / 1' : '1.51 / 1';
  return h(
    'div',
    { className: 'tpl-card' },
    col.thumbnailImageUrl
      ? image(col.thumbnailImageUrl, col.title, { aspectRatio: ratio, backgroundColor: col.imageBackgroundColor ?? t.imageBackgroundColor })
      : null,
    h(
      'div',
      { className: 'tpl-body' },
      col.title ? h('div', { className: 'tpl-title', text: col.title }) : null,
      h('div', { className: 'tpl-text', text: col.text ?? '' }),
    ),
    h(
      'div',
      { className: 'tpl-actions' },
      (col.actions ?? []).map((a) => templateButton(a, act)),
    ),
  );
}

function renderTemplate(t, act) {
  switch (t.type) {
    case 'buttons':
      return templateCard(t, act, t);
    case 'confirm':
      return h(
        'div',
        { className: 'tpl-card tpl-confirm' },
        h('div', { className: 'tpl-body' }, h('div', { className: 'tpl-text', text: t.text ?? '' })),
        h(
          'div',
          { className: 'tpl-actions tpl-row' },
          (t.actions ?? []).map((a) => templateButton(a, act)),
        ),
      );
    case 'carousel':
      return h(
        'div',
        { className: 'carousel' },
        (t.columns ?? []).map((c) => templateCard(c, act, t)),
      );
    case 'image_carousel':
      return h(
        'div',
        { className: 'carousel' },
        (t.columns ?? []).map((c) =>
          h(
            'div',
            { className: 'tpl-image-col', on: { click: () => act(c.action) } },
            image(c.imageUrl, c.action?.label, { aspectRatio: '1 / 1' }),
            c.action?.label ? h('div', { className: 'tpl-image-label', text: c.action.label }) : null,
          ),
        ),
      );
    default:
      return h('pre', { className: 'bubble bot-bubble raw', text: JSON.stringify(t, null, 2) });
  }
}

// ---- Flex ---------------------------------------------------------------------------------------------------

export function renderFlexContainer(c, act) {
  if (c.type === 'carousel')
    return h(
      'div',
      { className: 'carousel' },
      (c.contents ?? []).map((b) => renderBubble(b, act)),
    );
  return renderBubble(c, act);
}

function renderBubble(b, act) {
  const styles = b.styles ?? {};
  const el = h('div', {
    className: 'fx-bubble',
    style: { width: BUBBLE_WIDTH[b.size ?? 'mega'] ?? BUBBLE_WIDTH.mega },
    attrs: { dir: b.direction === 'rtl' ? 'rtl' : 'ltr' },
  });
  let first = true;
  for (const section of ['header', 'hero', 'body', 'footer']) {
    const comp = b[section];
    if (!comp) continue;
    const st = styles[section] ?? {};
    const sec = h('div', { className: `fx-section fx-${section}`, style: { backgroundColor: st.backgroundColor } });
    if (st.separator && !first) setSeparator(sec, st.separatorColor);
    sec.append(renderComponent(comp, act, 'vertical'));
    el.append(sec);
    first = false;
  }
  if (b.action) clickable(el, b.action, act);
  return el;
}

function setSeparator(el, color) {
  el.style.borderTop = `1px solid ${color && /^#[0-9a-f]{6}([0-9a-f]{2})?$/i.test(color) ? color : '#d4d6da'}`;
}

function clickable(el, action, act) {
  el.classList.add('fx-action');
  el.addEventListener('click', (e) => {
    e.stopPropagation();
    act(action);
  });
}

/** Flex factor and spacing of a child inside its parent box. */
function placeInParent(el, comp, parentLayout, marginBefore) {
  const horizontal = parentLayout !== 'vertical';
  const defaultFlex = horizontal ? 1 : 0;
  const flex = typeof comp.flex === 'number' ? comp.flex : defaultFlex;
  if (comp.type !== 'filler' && comp.type !== 'spacer') el.style.flex = flex > 0 ? `${flex} 1 0px` : '0 0 auto';
  if (marginBefore) el.style[horizontal ? 'marginInlineStart' : 'marginTop'] = marginBefore;
  if (horizontal && comp.gravity) el.style.alignSelf = { top: 'flex-start', center: 'center', bottom: 'flex-end' }[comp.gravity] ?? '';
  if (comp.position === 'absolute') el.style.position = 'absolute';
  else if (comp.position === 'relative' || comp.offsetTop || comp.offsetStart) el.style.position = 'relative';
  for (const [k, css] of [
    ['offsetTop', 'top'],
    ['offsetBottom', 'bottom'],
    ['offsetStart', 'insetInlineStart'],
    ['offsetEnd', 'insetInlineEnd'],
  ]) {
    const v = scale(SPACING, comp[k]);
    if (v) el.style[css] = v;
  }
}

function renderBox(box, act) {
  const layout = box.layout ?? 'vertical';
  const el = h('div', { className: `fx-box fx-${layout}` });
  const s = el.style;
  const pad = scale(SPACING, box.paddingAll);
  if (pad) s.padding = pad;
  for (const [k, css] of [
    ['paddingTop', 'paddingTop'],
    ['paddingBottom', 'paddingBottom'],
    ['paddingStart', 'paddingInlineStart'],
    ['paddingEnd', 'paddingInlineEnd'],
  ]) {
    const v = scale(SPACING, box[k]);
    if (v) s[css] = v;
  }
  if (box.backgroundColor) s.backgroundColor = box.backgroundColor;
  if (box.background?.type === 'linearGradient') {
    const g = box.background;
    const stops = g.centerColor ? `${g.startColor}, ${g.centerColor} ${g.centerPosition ?? '50%'}, ${g.endColor}` : `${g.startColor}, ${g.endColor}`;
    s.backgroundImage = `linear-gradient(${g.angle ?? '0deg'}, ${stops})`;
  }
  if (box.borderColor) s.borderColor = box.borderColor;
  const bw = scale(BORDER, box.borderWidth);
  if (bw) {
    s.borderStyle = 'solid';
    s.borderWidth = bw;
  }
  const r = scale(RADIUS, box.cornerRadius);
  if (r) s.borderRadius = r;
  for (const k of ['width', 'maxWidth', 'height', 'maxHeight']) if (box[k] && /^\d+(\.\d+)?(px|%)$/.test(box[k])) s[k] = box[k];
  if (box.justifyContent) s.justifyContent = box.justifyContent;
  if (box.alignItems) s.alignItems = box.alignItems;
  const spacing = scale(SPACING, box.spacing);
  (box.contents ?? []).forEach((child, i) => {
    const childEl = renderComponent(child, act, layout);
    const margin = scale(SPACING, child.margin) ?? (i > 0 ? spacing : undefined);
    placeInParent(childEl, child, layout, margin);
    el.append(childEl);
  });
  if (box.action) clickable(el, box.action, act);
  return el;
}

function textStyle(el, t) {
  const size = scale(TEXT_SIZE, t.size);
  if (size) el.style.fontSize = size;
  if (t.weight === 'bold') el.style.fontWeight = '700';
  if (t.color) el.style.color = t.color;
  if (t.style === 'italic') el.style.fontStyle = 'italic';
  if (t.decoration === 'underline' || t.decoration === 'line-through') el.style.textDecoration = t.decoration;
}

function renderText(t, act) {
  const el = h('div', { className: `fx-text${t.wrap ? ' fx-wrap' : ''}` });
  textStyle(el, t);
  if (t.align) el.style.textAlign = TEXT_ALIGN[t.align] ?? '';
  if (t.lineSpacing) el.style.lineHeight = `calc(1.4em + ${t.lineSpacing})`;
  if (t.wrap && t.maxLines > 0) {
    el.classList.add('fx-clamp');
    el.style.webkitLineClamp = String(t.maxLines);
  }
  if (Array.isArray(t.contents) && t.contents.length > 0) {
    for (const span of t.contents) {
      const sp = h('span', { text: span.text ?? '' });
      textStyle(sp, span);
      el.append(sp);
    }
  } else {
    el.textContent = t.text ?? '';
  }
  if (t.action) clickable(el, t.action, act);
  return el;
}

function renderButton(b, act) {
  const style = b.style ?? 'link';
  const btn = h('button', { className: `fx-button fx-btn-${style} fx-btn-${b.height ?? 'md'}`, type: 'button', text: b.action?.label ?? '' });
  if (b.color) btn.style[style === 'link' ? 'color' : 'backgroundColor'] = b.color;
  btn.addEventListener('click', (e) => {
    e.stopPropagation();
    act(b.action);
  });
  const wrap = h('div', { className: 'fx-button-wrap' }, btn);
  return wrap;
}

function renderImage(img, act) {
  const [w, hgt] = String(img.aspectRatio ?? '1:1')
    .split(':')
    .map(Number);
  const ratio = w > 0 && hgt > 0 ? `${w} / ${hgt}` : '1 / 1';
  const inner = image(img.url, img.altText ?? 'รูปภาพ', {
    aspectRatio: ratio,
    backgroundColor: img.backgroundColor,
    width: scale(IMAGE_SIZE, img.size ?? 'md') ?? IMAGE_SIZE.md,
    maxWidth: '100%',
  });
  if (img.aspectMode === 'cover') inner.classList.add('fx-cover');
  const el = h('div', { className: 'fx-image', style: { justifyContent: ALIGN[img.align ?? 'center'] } }, inner);
  if (img.action) clickable(el, img.action, act);
  return el;
}

function renderComponent(c, act, parentLayout) {
  switch (c?.type) {
    case 'box':
      return renderBox(c, act);
    case 'text':
      return renderText(c, act);
    case 'button':
      return renderButton(c, act);
    case 'image':
      return renderImage(c, act);
    case 'icon': {
      const size = scale(ICON_SIZE, c.size ?? 'md') ?? '16px';
      const [w, hgt] = String(c.aspectRatio ?? '1:1')
        .split(':')
        .map(Number);
      return h('span', { className: 'fx-icon' }, image(c.url, '', { height: size, width: `calc(${size} * ${w > 0 && hgt > 0 ? w / hgt : 1})` }));
    }
    case 'separator': {
      const el = h('div', { className: parentLayout === 'vertical' ? 'fx-sep fx-sep-h' : 'fx-sep fx-sep-v' });
      if (c.color) el.style.backgroundColor = c.color;
      return el;
    }
    case 'spacer':
      return h('div', { className: 'fx-spacer', style: { flex: `0 0 ${scale(SPACING, c.size ?? 'md') ?? '8px'}` } });
    case 'filler':
      return h('div', { className: 'fx-filler', style: { flex: `${c.flex ?? 1} 1 0px` } });
    case 'video':
      return c.altContent ? renderComponent(c.altContent, act, parentLayout) : h('div', { className: 'fx-text', text: '▶ video' });
    default:
      return h('div', { className: 'fx-text raw', text: `[${c?.type ?? '?'}]` });
  }
}

/** Icon for a quick-reply chip, by action type. */
export function chipIcon(action) {
  return { location: '📍', camera: '📷', cameraRoll: '🖼', datetimepicker: '📅', uri: '🔗', clipboard: '📋' }[action?.type] ?? '';
}
