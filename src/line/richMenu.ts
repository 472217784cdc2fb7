/**
 * Rich menus through LINE's API (SDK `messagingApi` clients with the configured base URLs): list, create with its
 * image, set and read the default, delete. Used by `scripts/rich-menu.ts`; errors map to `LineApiError` /
 * `LineNetworkError` like the rest of the LINE client.
 */
import { messagingApi } from '@line/bot-sdk';
import { LineApiError } from '../errors';
import { callLine } from './client';

/** A rich menu object (LINE's `RichMenuRequest` with every field present). */
export interface RichMenuRequest {
  size: { width: number; height: number };
  selected: boolean;
  /** At most 300 characters; not shown to users. */
  name: string;
  /** At most 14 characters. */
  chatBarText: string;
  areas: RichMenuArea[];
}

export interface RichMenuArea {
  bounds: { x: number; y: number; width: number; height: number };
  action: messagingApi.Action;
}

/** A rich menu as LINE lists it. */
export interface RichMenu extends RichMenuRequest {
  richMenuId: string;
}

export interface RichMenuClientOptions {
  channelAccessToken: string;
  apiBaseUrl: string;
  dataApiBaseUrl: string;
  timeoutMs: number;
}

export interface RichMenuClient {
  /** Every rich menu of the channel. */
  list(): Promise<RichMenu[]>;
  /** Asks LINE whether the menu object is valid (throws `LineApiError` 400 with LINE's reasons otherwise). */
  validate(menu: RichMenuRequest): Promise<void>;
  /** Creates a menu (without image); returns its id. */
  create(menu: RichMenuRequest): Promise<string>;
  /** True when the menu has an image (LINE answers 404 for a menu whose image was never uploaded). */
  hasImage(richMenuId: string): Promise<boolean>;
  /** Uploads the menu's image (once per menu: LINE refuses a second upload). */
  uploadImage(richMenuId: string, image: Buffer, contentType: 'image/png' | 'image/jpeg'): Promise<void>;
  /** The default menu's id, or undefined when none is set. */
  getDefault(): Promise<string | undefined>;
  setDefault(richMenuId: string): Promise<void>;
  delete(richMenuId: string): Promise<void>;
}

export function createRichMenuClient(opts: RichMenuClientOptions): RichMenuClient {
  const api = new messagingApi.MessagingApiClient({ channelAccessToken: opts.channelAccessToken, baseURL: opts.apiBaseUrl });
  const blob = new messagingApi.MessagingApiBlobClient({ channelAccessToken: opts.channelAccessToken, baseURL: opts.dataApiBaseUrl });

  const call = <T>(endpoint: string, fn: () => Promise<T>) => callLine(endpoint, opts.timeoutMs, fn);

  return {
    async list() {
      const r = await call('richmenu list', () => api.getRichMenuList());
      return (r.richmenus ?? []) as RichMenu[];
    },
    async validate(menu) {
      await call('richmenu validate', () => api.validateRichMenuObject(menu));
    },
    async create(menu) {
      const r = await call('richmenu create', () => api.createRichMenu(menu));
      return r.richMenuId;
    },
    async hasImage(richMenuId) {
      try {
        const r = await call('richmenu image', () => blob.getRichMenuImageWithHttpInfo(richMenuId));
        r.body.resume(); // only whether it exists matters
        return true;
      } catch (err) {
        if (err instanceof LineApiError && err.status === 404) return false;
        throw err;
      }
    },
    async uploadImage(richMenuId, image, contentType) {
      const body = new Blob([new Uint8Array(image)], { type: contentType });
      await call('richmenu upload', () => blob.setRichMenuImage(richMenuId, body));
    },
    async getDefault() {
      try {
        return (await call('richmenu default', () => api.getDefaultRichMenuId())).richMenuId;
      } catch (err) {
        if (err instanceof LineApiError && err.status === 404) return undefined;
        throw err;
      }
    },
    async setDefault(richMenuId) {
      await call('richmenu set default', () => api.setDefaultRichMenu(richMenuId));
    },
    async delete(richMenuId) {
      await call('richmenu delete', () => api.deleteRichMenu(richMenuId));
    },
  };
}
