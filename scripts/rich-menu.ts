/**
 * The main menu as LINE's rich menu (2 rows × 3), made idempotently:
 *
 *   npm run rich-menu               create/upload/set default if needed, delete menus this script made before
 *   npm run rich-menu -- --render   re-render scripts/assets/rich-menu.png from the locale labels (no LINE calls)
 *
 * Each area sends its label as a text message, exactly the `menu.*` strings of `locales/th.json`, so the bot
 * treats a tap like the typed word. The menu's `name` carries a hash of the menu object and the image: a run
 * reuses a menu with that name and the same areas, otherwise creates it; menus made by this script with another
 * hash are deleted after the new one is the default. Menus made by anything else are left alone.
 *
 * The image (2500×1686 PNG) is an SVG rendered by resvg with the committed Sarabun Bold font only (no system
 * fonts), so rendering is deterministic; the rendered PNG is committed, so applying needs no renderer.
 * LINE calls go through `src/line/richMenu.ts` with LINE_API_BASE_URL / LINE_DATA_API_BASE_URL from the config.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readConfig } from '../src/config';
import { t, type MessageKey } from '../src/i18n';
import { MENU_ITEMS, type MenuItem } from '../src/bot/says';
import { createRichMenuClient, type RichMenu, type RichMenuClient, type RichMenuRequest } from '../src/line/richMenu';

export const ASSETS = join(__dirname, 'assets');
export const IMAGE_PATH = join(ASSETS, 'rich-menu.png');
export const FONT_PATH = join(ASSETS, 'fonts', 'Sarabun-Bold.ttf');

/** Names of menus made by this script start with this; the rest of the name is the content hash. */
export const NAME_PREFIX = 'chaeson-main-';
export const CHAT_BAR_TEXT = 'เมนู';
export const WIDTH = 2500;
export const HEIGHT = 1686;
export const MAX_IMAGE_BYTES = 1024 * 1024;

type IconName = 'help' | 'eligibility' | 'booking' | 'track' | 'staff' | 'centre';

const ICON_OF: Record<MenuItem, IconName> = {
  'menu.requestHelp': 'help',
  'menu.checkEligibility': 'eligibility',
  'menu.bookVisit': 'booking',
  'menu.track': 'track',
  'menu.talkToStaff': 'staff',
  'menu.centreInfo': 'centre',
};

/** The six items, row by row: the bot's main menu, in the same order as its quick replies. */
export const ITEMS: readonly { key: MessageKey; icon: IconName }[] = MENU_ITEMS.map((key) => ({ key, icon: ICON_OF[key] }));

/** The Thai labels, as the bot matches them. */
export function menuLabels(): string[] {
  return ITEMS.map((i) => t('th', i.key));
}

/** Cell bounds: three columns of 833/834/833 px, two rows of 843 px. */
export function cellBounds(): { x: number; y: number; width: number; height: number }[] {
  const xs = [0, 833, 1667, WIDTH];
  const ys = [0, 843, HEIGHT];
  const cells = [];
  for (let r = 0; r < 2; r++) for (let c = 0; c < 3; c++) cells.push({ x: xs[c], y: ys[r], width: xs[c + 1] - xs[c], height: ys[r + 1] - ys[r] });
  return cells;
}

/** The menu object without its name. */
function menuBody(labels: string[]): Omit<RichMenuRequest, 'name'> {
  return {
    size: { width: WIDTH, height: HEIGHT },
    selected: true,
    chatBarText: CHAT_BAR_TEXT,
    areas: cellBounds().map((bounds, i) => ({ bounds, action: { type: 'message', label: labels[i], text: labels[i] } })),
  };
}

/** The complete menu object; its name is the prefix plus a hash of the menu and the image bytes. */
export function buildMenu(labels: string[], image: Buffer): RichMenuRequest {
  const body = menuBody(labels);
  const hash = createHash('sha256').update(JSON.stringify(body)).update(image).digest('hex').slice(0, 16);
  return { name: `${NAME_PREFIX}${hash}`, ...body };
}

// ---------------------------------------------------------------------------------------------------------------
// Image

const GREEN = '#06C755';
const GREEN_DARK = '#04A445';
const CARD = '#EAF8EF';
const INK = '#0E3B22';

/** White icons on the green disc, drawn in a 100×100 box. */
const ICONS: Record<IconName, string> = {
  // A heart with a cross: care, help.
  help: `<path d="M50 86 C22 66 9 50 9 33 C9 20 19 11 31 11 C40 11 46 16 50 23 C54 16 60 11 69 11 C81 11 91 20 91 33 C91 50 78 66 50 86 Z" fill="#fff"/>
    <path d="M50 30 V62 M34 46 H66" stroke="${GREEN}" stroke-width="9" stroke-linecap="round"/>`,
  // A shield with a tick: rights checked.
  eligibility: `<path d="M50 7 L85 19 V45 C85 68 70 84 50 93 C30 84 15 68 15 45 V19 Z" fill="#fff"/>
    <path d="M33 50 L45 62 L68 37" fill="none" stroke="${GREEN}" stroke-width="9" stroke-linecap="round" stroke-linejoin="round"/>`,
  // A calendar with a ticked day.
  booking: `<rect x="12" y="18" width="76" height="72" rx="10" fill="#fff"/>
    <rect x="12" y="18" width="76" height="18" rx="9" fill="#fff"/>
    <path d="M12 38 H88" stroke="${GREEN}" stroke-width="5"/>
    <rect x="28" y="8" width="9" height="20" rx="4.5" fill="#fff" stroke="${GREEN}" stroke-width="3"/>
    <rect x="63" y="8" width="9" height="20" rx="4.5" fill="#fff" stroke="${GREEN}" stroke-width="3"/>
    <g fill="${GREEN}"><rect x="22" y="47" width="12" height="10" rx="2"/><rect x="44" y="47" width="12" height="10" rx="2"/><rect x="66" y="47" width="12" height="10" rx="2"/>
    <rect x="22" y="67" width="12" height="10" rx="2"/><rect x="44" y="67" width="12" height="10" rx="2"/></g>
    <path d="M64 72 L69 77 L79 65" fill="none" stroke="${GREEN}" stroke-width="5" stroke-linecap="round" stroke-linejoin="round"/>`,
  // A form under a magnifying glass: follow a request.
  track: `<rect x="14" y="8" width="54" height="72" rx="7" fill="#fff"/>
    <path d="M25 24 H57 M25 36 H57 M25 48 H44" stroke="${GREEN}" stroke-width="5" stroke-linecap="round"/>
    <circle cx="63" cy="62" r="17" fill="${GREEN}" stroke="#fff" stroke-width="8"/>
    <path d="M75 74 L89 88" stroke="#fff" stroke-width="11" stroke-linecap="round"/>`,
  // A person with a headset: talk to staff.
  staff: `<circle cx="50" cy="38" r="16" fill="#fff"/>
    <path d="M17 92 C17 71 31 60 50 60 C69 60 83 71 83 92 Z" fill="#fff"/>
    <path d="M27 40 C27 24 37 14 50 14 C63 14 73 24 73 40" fill="none" stroke="#fff" stroke-width="6" stroke-linecap="round"/>
    <rect x="21" y="33" width="11" height="18" rx="5" fill="#fff"/>
    <rect x="68" y="33" width="11" height="18" rx="5" fill="#fff"/>
    <path d="M73 50 C73 56 68 58 60 58" fill="none" stroke="#fff" stroke-width="4" stroke-linecap="round"/>`,
  // A public building: the centre.
  centre: `<path d="M50 9 L91 32 H9 Z" fill="#fff" stroke="#fff" stroke-width="4" stroke-linejoin="round"/>
    <rect x="13" y="35" width="74" height="7" rx="2" fill="#fff"/>
    <g fill="#fff"><rect x="19" y="46" width="10" height="30" rx="2"/><rect x="36" y="46" width="10" height="30" rx="2"/>
    <rect x="54" y="46" width="10" height="30" rx="2"/><rect x="71" y="46" width="10" height="30" rx="2"/></g>
    <rect x="9" y="79" width="82" height="11" rx="3" fill="#fff"/>`,
};

const LABEL_SIZE = 112;
const LABEL_MAX_WIDTH = 740;

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The SVG of the menu image; `labelSizes` gives each label's font size (default: the large size). */
export function menuSvg(labels: string[], labelSizes: number[] = labels.map(() => LABEL_SIZE)): string {
  const cells = cellBounds()
    .map((b, i) => {
      const cx = b.x + b.width / 2;
      const icon = ITEMS[i].icon;
      const r = 185;
      const cy = b.y + 330;
      const scale = (r * 1.22) / 100;
      return `<g>
  <rect x="${b.x + 16}" y="${b.y + 16}" width="${b.width - 32}" height="${b.height - 32}" rx="44" fill="${CARD}"/>
  <circle cx="${cx}" cy="${cy + 8}" r="${r}" fill="${GREEN_DARK}"/>
  <circle cx="${cx}" cy="${cy}" r="${r}" fill="${GREEN}"/>
  <g transform="translate(${cx - 50 * scale} ${cy - 50 * scale}) scale(${scale})">${ICONS[icon]}</g>
  <text x="${cx}" y="${b.y + 700}" font-family="Sarabun" font-weight="700" font-size="${labelSizes[i]}" fill="${INK}" text-anchor="middle">${escapeXml(labels[i])}</text>
</g>`;
    })
    .join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">
<rect width="${WIDTH}" height="${HEIGHT}" fill="#FFFFFF"/>
${cells}
</svg>
`;
}

/** Renders the menu image with resvg (a dev dependency) and the committed font only: the same bytes every time. */
export function renderMenuImage(labels: string[] = menuLabels()): Buffer {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Resvg } = require('@resvg/resvg-js') as typeof import('@resvg/resvg-js');
  const font = { fontFiles: [FONT_PATH], loadSystemFonts: false, defaultFontFamily: 'Sarabun' };
  // Shrink a label that would not fit its cell (measured by rendering it alone).
  const sizes = labels.map((label) => {
    const probe = `<svg xmlns="http://www.w3.org/2000/svg" width="3000" height="300"><text x="10" y="200" font-family="Sarabun" font-weight="700" font-size="${LABEL_SIZE}">${escapeXml(label)}</text></svg>`;
    const box = new Resvg(probe, { font }).getBBox();
    const width = box?.width ?? 0;
    return width > LABEL_MAX_WIDTH ? Math.floor((LABEL_SIZE * LABEL_MAX_WIDTH) / width) : LABEL_SIZE;
  });
  const png = new Resvg(menuSvg(labels, sizes), { font, fitTo: { mode: 'original' }, shapeRendering: 2, textRendering: 1 }).render().asPng();
  return Buffer.from(png);
}

/** Width and height from a PNG's header; throws if it is not a PNG. */
export function pngSize(png: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (png.length < 24 || !png.subarray(0, 8).equals(signature) || png.toString('ascii', 12, 16) !== 'IHDR') {
    throw new Error('not a PNG image');
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Checks the image against LINE's rules for this menu (size in pixels, PNG, at most 1 MB). */
export function checkImage(png: Buffer): void {
  const { width, height } = pngSize(png);
  if (width !== WIDTH || height !== HEIGHT) throw new Error(`rich menu image is ${width}×${height}; LINE needs ${WIDTH}×${HEIGHT}`);
  if (png.length > MAX_IMAGE_BYTES) throw new Error(`rich menu image is ${png.length} bytes; LINE accepts at most 1 MB`);
}

// ---------------------------------------------------------------------------------------------------------------
// Applying

export interface EnsureResult {
  richMenuId: string;
  created: boolean;
  uploaded: boolean;
  setDefault: boolean;
  deleted: string[];
}

/** What decides whether an existing menu is ours as it stands: size, chat bar text and the areas' bounds and actions. */
function shape(m: Pick<RichMenuRequest, 'size' | 'chatBarText' | 'areas'>): string {
  return JSON.stringify({
    size: { width: m.size.width, height: m.size.height },
    chatBarText: m.chatBarText,
    areas: (m.areas ?? []).map((a) => {
      const action = a.action as { type?: string; text?: string } | undefined;
      return { bounds: a.bounds && [a.bounds.x, a.bounds.y, a.bounds.width, a.bounds.height], type: action?.type, text: action?.text };
    }),
  });
}

/**
 * Makes LINE's default rich menu the one built from `labels` and `image`, doing only what is missing; deletes the
 * other menus this script made.
 */
export async function ensureRichMenu(
  client: RichMenuClient,
  opts: { image: Buffer; labels?: string[]; log?: (line: string) => void },
): Promise<EnsureResult> {
  const log = opts.log ?? (() => {});
  checkImage(opts.image);
  const menu = buildMenu(opts.labels ?? menuLabels(), opts.image);
  const ours = (await client.list()).filter((m) => m.name.startsWith(NAME_PREFIX));
  const match = ours.find((m: RichMenu) => m.name === menu.name && shape(m) === shape(menu));
  const result: EnsureResult = { richMenuId: '', created: false, uploaded: false, setDefault: false, deleted: [] };

  if (match) {
    result.richMenuId = match.richMenuId;
    log(`rich menu ${menu.name} exists: ${match.richMenuId}`);
  } else {
    await client.validate(menu);
    result.richMenuId = await client.create(menu);
    result.created = true;
    log(`rich menu ${menu.name} created: ${result.richMenuId}`);
  }
  // A run stopped between creating and uploading leaves a menu without image; LINE will not make it the default.
  if (result.created || !(await client.hasImage(result.richMenuId))) {
    await client.uploadImage(result.richMenuId, opts.image, 'image/png');
    result.uploaded = true;
    log(`image uploaded (${opts.image.length} bytes)`);
  }
  if ((await client.getDefault()) !== result.richMenuId) {
    await client.setDefault(result.richMenuId);
    result.setDefault = true;
    log('set as the default rich menu');
  }
  for (const stale of ours.filter((m) => m.richMenuId !== result.richMenuId)) {
    await client.delete(stale.richMenuId);
    result.deleted.push(stale.richMenuId);
    log(`deleted the earlier menu ${stale.name} (${stale.richMenuId})`);
  }
  if (!result.created && !result.uploaded && !result.setDefault && result.deleted.length === 0) log('nothing to change');
  return result;
}

async function main(argv: string[]): Promise<void> {
  if (argv.includes('--render')) {
    const png = renderMenuImage();
    checkImage(png);
    writeFileSync(IMAGE_PATH, png);
    console.log(`wrote ${IMAGE_PATH} (${WIDTH}×${HEIGHT}, ${png.length} bytes)`);
    return;
  }
  const config = readConfig();
  if (config.line.usesLocalStandIn) {
    console.error('No LINE channel configured: set LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN (or LINE_API_BASE_URL for a stand-in).');
    process.exitCode = 1;
    return;
  }
  const client = createRichMenuClient({
    channelAccessToken: config.line.channelAccessToken,
    apiBaseUrl: config.line.apiBaseUrl,
    dataApiBaseUrl: config.line.dataApiBaseUrl,
    timeoutMs: config.line.timeoutMs,
  });
  const r = await ensureRichMenu(client, { image: readFileSync(IMAGE_PATH), log: (l) => console.log(l) });
  console.log(`default rich menu: ${r.richMenuId}`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err) => {
    console.error('rich menu failed:', err instanceof Error ? err.message : err);
    if (err && typeof err === 'object' && 'body' in err) console.error(String((err as { body: unknown }).body));
    process.exit(1);
  });
}
