/**
 * Ready-made things a simulated user can send: people, places in ตำบลแจ้ซ้อน and stickers. Shared by the page
 * and the terminal chat. Coordinates are approximate (good enough to exercise location steps), not survey data.
 */

export interface PresetUser {
  displayName: string;
  language: 'th' | 'en';
}

export const DEFAULT_USERS: PresetUser[] = [
  { displayName: 'ลูกสาว (สมใจ)', language: 'th' },
  { displayName: 'พ่อ (สมบูรณ์)', language: 'th' },
];

export interface PresetPlace {
  title: string;
  address: string;
  latitude: number;
  longitude: number;
}

/** Approximate places in ตำบลแจ้ซ้อน, อำเภอเมืองปาน, ลำปาง. */
export const PLACES: PresetPlace[] = [
  { title: 'องค์การบริหารส่วนตำบลแจ้ซ้อน', address: 'ต.แจ้ซ้อน อ.เมืองปาน จ.ลำปาง 52240', latitude: 18.8052, longitude: 99.4863 },
  { title: 'บ้านหลวง', address: 'บ้านหลวง ต.แจ้ซ้อน อ.เมืองปาน จ.ลำปาง 52240', latitude: 18.8127, longitude: 99.4795 },
  { title: 'บ้านป่าเหมี้ยง', address: 'บ้านป่าเหมี้ยง ต.แจ้ซ้อน อ.เมืองปาน จ.ลำปาง 52240', latitude: 18.8571, longitude: 99.3912 },
  { title: 'บ้านแจ้ซ้อนเหนือ', address: 'บ้านแจ้ซ้อนเหนือ ต.แจ้ซ้อน อ.เมืองปาน จ.ลำปาง 52240', latitude: 18.8254, longitude: 99.4721 },
  { title: 'อุทยานแห่งชาติแจ้ซ้อน', address: 'อุทยานแห่งชาติแจ้ซ้อน ต.แจ้ซ้อน อ.เมืองปาน จ.ลำปาง 52240', latitude: 18.8336, longitude: 99.4706 },
];

export interface PresetSticker {
  packageId: string;
  stickerId: string;
  /** How the page and the terminal show it (there are no sticker images offline). */
  emoji: string;
  keywords: string[];
}

/** A few stickers from LINE's free basic packages (ids as LINE sends them; images are not available offline). */
export const STICKERS: PresetSticker[] = [
  { packageId: '446', stickerId: '1988', emoji: '😊', keywords: ['Happy', 'Smile'] },
  { packageId: '446', stickerId: '1989', emoji: '👍', keywords: ['OK', 'Good'] },
  { packageId: '446', stickerId: '1990', emoji: '🙏', keywords: ['Thanks', 'Please'] },
  { packageId: '446', stickerId: '2004', emoji: '😢', keywords: ['Sad', 'Cry'] },
  { packageId: '446', stickerId: '2008', emoji: '😮', keywords: ['Surprised', 'Wow'] },
  { packageId: '789', stickerId: '10855', emoji: '👋', keywords: ['Hello', 'Hi'] },
  { packageId: '789', stickerId: '10857', emoji: '❤️', keywords: ['Love', 'Heart'] },
  { packageId: '789', stickerId: '10863', emoji: '😴', keywords: ['Sleepy', 'Good night'] },
];
