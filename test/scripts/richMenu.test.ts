/**
 * scripts/rich-menu.ts against LINE's rich menu API at the HTTP level (nock keeps a small model of LINE's state):
 * first run creates, uploads and sets default; a second run changes nothing; stale menus made by the script are
 * deleted (others kept); an interrupted run is completed. The committed image is LINE-valid and is exactly what
 * the renderer makes from the locale labels.
 */
import { readFileSync } from 'node:fs';
import nock from 'nock';
import th from '../../locales/th.json';
import { loadConfig } from '../../src/config';
import { createRichMenuClient, type RichMenuClient } from '../../src/line/richMenu';
import {
  CHAT_BAR_TEXT,
  IMAGE_PATH,
  NAME_PREFIX,
  buildMenu,
  checkImage,
  ensureRichMenu,
  menuLabels,
  pngSize,
  renderMenuImage,
} from '../../scripts/rich-menu';
import { LINE_API, LINE_DATA_API, TEST_TOKEN, testEnv } from '../helpers/line';

interface Call {
  method: string;
  path: string;
}

/** LINE's rich menu endpoints with in-memory state. */
function fakeLine() {
  const menus = new Map<string, any>();
  const images = new Map<string, { type: string; data: Buffer }>();
  const calls: Call[] = [];
  const state = { default: undefined as string | undefined, seq: 0, auth: [] as string[] };
  const api = nock(LINE_API).persist();
  const data = nock(LINE_DATA_API).persist();
  const log = (method: string) =>
    function (this: any, path: string) {
      calls.push({ method, path });
      state.auth.push(String(this.req.headers.authorization));
    };
  const newId = () => `richmenu-${String(++state.seq).padStart(32, '0')}`;

  api.get('/v2/bot/richmenu/list').reply(function (this: any, path) {
    log('GET').call(this, path);
    return [200, { richmenus: [...menus.values()] }];
  });
  api.post('/v2/bot/richmenu/validate').reply(function (this: any, path, body: any) {
    log('POST').call(this, path);
    const ok = body.size?.width === 2500 && body.chatBarText.length <= 14 && body.areas.length <= 20;
    return ok ? [200, {}] : [400, { message: 'invalid' }];
  });
  api.post('/v2/bot/richmenu').reply(function (this: any, path, body: any) {
    log('POST').call(this, path);
    const richMenuId = newId();
    menus.set(richMenuId, { richMenuId, ...body });
    return [200, { richMenuId }];
  });
  api.delete(/\/v2\/bot\/richmenu\/[^/]+$/).reply(function (this: any, path) {
    log('DELETE').call(this, path);
    const id = path.split('/').pop()!;
    if (!menus.delete(id)) return [404, { message: 'Not found' }];
    if (state.default === id) state.default = undefined;
    return [200, {}];
  });
  api.get('/v2/bot/user/all/richmenu').reply(function (this: any, path) {
    log('GET').call(this, path);
    return state.default ? [200, { richMenuId: state.default }] : [404, { message: 'no default rich menu' }];
  });
  api.post(/\/v2\/bot\/user\/all\/richmenu\/[^/]+$/).reply(function (this: any, path) {
    log('POST').call(this, path);
    const id = path.split('/').pop()!;
    if (!menus.has(id)) return [404, { message: 'Not found' }];
    if (!images.has(id)) return [400, { message: 'must upload richmenu image before applying it to user' }];
    state.default = id;
    return [200, {}];
  });
  data.post(/\/v2\/bot\/richmenu\/[^/]+\/content$/).reply(function (this: any, path, body: any) {
    log('POST').call(this, path);
    const id = path.split('/')[4];
    if (!menus.has(id)) return [404, { message: 'Not found' }];
    if (images.has(id)) return [400, { message: 'An image has already been uploaded to the richmenu' }];
    const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body, /^[0-9a-f]*$/i.test(body) ? 'hex' : 'binary');
    images.set(id, { type: String(this.req.headers['content-type']), data: bytes });
    return [200, {}];
  });
  data.get(/\/v2\/bot\/richmenu\/[^/]+\/content$/).reply(function (this: any, path) {
    log('GET').call(this, path);
    const img = images.get(path.split('/')[4]);
    return img ? [200, img.data, { 'content-type': img.type }] : [404, { message: 'Not found' }];
  });

  const writes = () => calls.filter((c) => c.method !== 'GET');
  return { menus, images, calls, state, writes };
}

const client = (): RichMenuClient => {
  const config = loadConfig(testEnv());
  return createRichMenuClient({
    channelAccessToken: config.line.channelAccessToken,
    apiBaseUrl: config.line.apiBaseUrl,
    dataApiBaseUrl: config.line.dataApiBaseUrl,
    timeoutMs: config.line.timeoutMs,
  });
};

const image = readFileSync(IMAGE_PATH);
const labels = [
  th['menu.requestHelp'],
  th['menu.checkEligibility'],
  th['menu.bookVisit'],
  th['menu.track'],
  th['menu.talkToStaff'],
  th['menu.centreInfo'],
];

afterEach(() => nock.cleanAll());

describe('rich menu script', () => {
  it('first run creates the menu, uploads its image and sets it default', async () => {
    const line = fakeLine();
    const r = await ensureRichMenu(client(), { image });

    expect(r).toMatchObject({ created: true, uploaded: true, setDefault: true, deleted: [] });
    expect(line.writes().map((c) => `${c.method} ${c.path}`)).toEqual([
      'POST /v2/bot/richmenu/validate',
      'POST /v2/bot/richmenu',
      `POST /v2/bot/richmenu/${r.richMenuId}/content`,
      `POST /v2/bot/user/all/richmenu/${r.richMenuId}`,
    ]);
    expect(line.state.default).toBe(r.richMenuId);
    expect(line.state.auth.every((a) => a === `Bearer ${TEST_TOKEN}`)).toBe(true);
    const uploaded = line.images.get(r.richMenuId)!;
    expect(uploaded.type).toBe('image/png');
    expect(uploaded.data.equals(image)).toBe(true);

    const menu = line.menus.get(r.richMenuId);
    expect(menu.name.startsWith(NAME_PREFIX)).toBe(true);
    expect(menu.size).toEqual({ width: 2500, height: 1686 });
    expect(menu.selected).toBe(true);
    expect(menu.chatBarText).toBe(CHAT_BAR_TEXT);
    expect(menu.areas.map((a: any) => a.action.type)).toEqual(Array(6).fill('message'));
    expect(menu.areas.map((a: any) => a.action.text)).toEqual(labels);
  });

  it('a second run changes nothing', async () => {
    const line = fakeLine();
    const first = await ensureRichMenu(client(), { image });
    const before = line.writes().length;
    const second = await ensureRichMenu(client(), { image });

    expect(second).toEqual({ richMenuId: first.richMenuId, created: false, uploaded: false, setDefault: false, deleted: [] });
    expect(line.writes().length).toBe(before);
    expect(line.menus.size).toBe(1);
  });

  it('replaces a stale menu made by the script and leaves other menus alone', async () => {
    const line = fakeLine();
    const stale = { ...buildMenu(['เก่า', 'เก่า', 'เก่า', 'เก่า', 'เก่า', 'เก่า'], image), richMenuId: 'richmenu-stale' };
    const foreign = { ...buildMenu(labels, image), name: 'campaign', richMenuId: 'richmenu-campaign' };
    line.menus.set(stale.richMenuId, stale);
    line.menus.set(foreign.richMenuId, foreign);
    line.images.set(stale.richMenuId, { type: 'image/png', data: image });
    line.state.default = stale.richMenuId;

    const r = await ensureRichMenu(client(), { image });

    expect(r.created).toBe(true);
    expect(r.deleted).toEqual(['richmenu-stale']);
    expect(line.state.default).toBe(r.richMenuId);
    expect([...line.menus.keys()].sort()).toEqual([r.richMenuId, 'richmenu-campaign'].sort());
    // The new default is set before the old one goes, so users never lose the menu.
    const paths = line.writes().map((c) => c.path);
    expect(paths.indexOf(`/v2/bot/user/all/richmenu/${r.richMenuId}`)).toBeLessThan(paths.indexOf('/v2/bot/richmenu/richmenu-stale'));
  });

  it('a menu whose labels were edited on LINE (same name, other areas) is replaced', async () => {
    const line = fakeLine();
    const first = await ensureRichMenu(client(), { image });
    line.menus.get(first.richMenuId).areas[0].action.text = 'อย่างอื่น';
    const r = await ensureRichMenu(client(), { image });
    expect(r.created).toBe(true);
    expect(r.deleted).toEqual([first.richMenuId]);
    expect(line.menus.get(r.richMenuId).areas[0].action.text).toBe(labels[0]);
  });

  it('completes a run that stopped after creating the menu (no image yet)', async () => {
    const line = fakeLine();
    const menu = buildMenu(menuLabels(), image);
    line.menus.set('richmenu-halfway', { ...menu, richMenuId: 'richmenu-halfway' });

    const r = await ensureRichMenu(client(), { image });

    expect(r).toEqual({ richMenuId: 'richmenu-halfway', created: false, uploaded: true, setDefault: true, deleted: [] });
    expect(line.images.get('richmenu-halfway')!.data.equals(image)).toBe(true);
    expect(line.state.default).toBe('richmenu-halfway');
  });

  it('a new image makes a new menu (LINE cannot replace an uploaded image)', async () => {
    fakeLine(); // LINE's state for this test
    const first = await ensureRichMenu(client(), { image });
    const other = Buffer.concat([image.subarray(0, image.length - 12), Buffer.from('extra'), image.subarray(image.length - 12)]);
    const r = await ensureRichMenu(client(), { image: other });
    expect(r.created).toBe(true);
    expect(r.deleted).toEqual([first.richMenuId]);
  });

  it('refuses an image LINE would refuse, before calling LINE', async () => {
    const line = fakeLine();
    await expect(ensureRichMenu(client(), { image: Buffer.from('not a png') })).rejects.toThrow('not a PNG');
    const big = Buffer.alloc(1024 * 1024 + 1);
    image.copy(big, 0, 0, 33);
    await expect(ensureRichMenu(client(), { image: big })).rejects.toThrow('at most 1 MB');
    expect(line.calls).toEqual([]);
  });

  it('LINE errors surface with their status', async () => {
    nock(LINE_API).get('/v2/bot/richmenu/list').reply(500, { message: 'boom' }, { 'x-line-request-id': 'req-1' });
    await expect(ensureRichMenu(client(), { image })).rejects.toMatchObject({ name: 'LineApiError', status: 500, requestId: 'req-1' });
  });
});

describe('rich menu image and areas', () => {
  it('the committed image is a 2500×1686 PNG under 1 MB', () => {
    expect(pngSize(image)).toEqual({ width: 2500, height: 1686 });
    expect(image.length).toBeLessThanOrEqual(1024 * 1024);
    expect(() => checkImage(image)).not.toThrow();
  });

  it('areas tile the image in 2 rows × 3 and send exactly the locale labels', () => {
    const menu = buildMenu(menuLabels(), image);
    expect(menu.areas.map((a) => (a.action as { text: string }).text)).toEqual(labels);
    expect(menu.areas.map((a) => (a.action as { label: string }).label)).toEqual(labels);
    const area = menu.areas.reduce((s, a) => s + a.bounds!.width * a.bounds!.height, 0);
    expect(area).toBe(2500 * 1686);
    for (const a of menu.areas) {
      expect(a.bounds!.x + a.bounds!.width).toBeLessThanOrEqual(2500);
      expect(a.bounds!.y + a.bounds!.height).toBeLessThanOrEqual(1686);
    }
    expect([...new Intl.Segmenter('th', { granularity: 'grapheme' }).segment(menu.chatBarText)].length).toBeLessThanOrEqual(14);
    expect(menu.name.length).toBeLessThanOrEqual(300);
  });

  it('rendering is deterministic and the committed image is up to date with the labels', () => {
    const a = renderMenuImage();
    const b = renderMenuImage();
    expect(a.equals(b)).toBe(true);
    // If this fails after a label change: npm run rich-menu -- --render, look at the image, commit it.
    expect(a.equals(image)).toBe(true);
  });
});
