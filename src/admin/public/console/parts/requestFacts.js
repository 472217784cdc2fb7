/*
 * The request page's "ข้อมูลผู้ร้อง" card: who needs help and what, as the server gives it (phone and national ID
 * masked unless the role may see them; "แสดงเลขเต็ม" asks the server, which writes the audit log).
 */
import { h } from '../../shared/dom.js';
import { api } from '../api.js';
import { dateTime } from '../format.js';
import { fail } from '../ui.js';
import { livePart } from '../livePart.js';

/** What the information card shows (its data slice: a status change does not rebuild it). */
const INFO_FIELDS = [
  'beneficiary',
  'requesterName',
  'phone',
  'phoneMasked',
  'nationalId',
  'nationalIdMasked',
  'canRevealNationalId',
  'categoryLabel',
  'urgencyLabel',
  'outsideArea',
  'outsidePlace',
  'village',
  'villageToConfirm',
  'ownWords',
  'location',
  'details',
  'consent',
  'createdAt',
  'photos',
];
const pick = (o, keys) => Object.fromEntries(keys.map((k) => [k, o[k]]));

/** Who needs help and what: facts as the server gives them (masked unless the role may see them). */
function factsCard(ref, r) {
  const idValue = h('span#national-id', r.nationalId || '-');
  const facts = h('dl.facts');
  const fact = (k, v) => v !== undefined && v !== null && v !== '' && facts.append(h('dt', k), h('dd', v));
  const b = r.beneficiary || {};
  fact('ผู้ต้องการความช่วยเหลือ', [b.name || '-', b.who === 'self' ? '(ผู้แจ้งเอง)' : b.relationLabel ? '(' + b.relationLabel + 'ของผู้แจ้ง)' : ''].join(' '));
  fact('อายุ', b.age ? b.age + ' ปี' : undefined);
  // Asked when someone files for another person: may staff contact that person, or only through the requester?
  if (b.contactable === false) fact('การติดต่อ', h('strong#contact-via', 'ติดต่อผ่านผู้แจ้งเท่านั้น (ผู้แจ้งเลือก "ติดต่อผ่านฉัน")'));
  else if (b.contactable === true) fact('การติดต่อ', h('span#contact-via', 'ติดต่อผู้ต้องการความช่วยเหลือได้โดยตรง'));
  fact('ผู้แจ้ง (LINE)', r.citizenName || r.requesterName);
  fact('โทรศัพท์', r.phone ? (r.phoneMasked ? r.phone + ' (ซ่อน)' : h('a', { href: 'tel:' + r.phone.replace(/\D/g, '') }, r.phone)) : '-');
  if (r.nationalId) {
    const reveal = async (e) => {
      try {
        const x = await api('GET', '/requests/' + encodeURIComponent(ref) + '/identity');
        idValue.textContent = x.nationalId;
        e.target.remove();
      } catch (err) {
        fail(err);
      }
    };
    fact(
      'เลขบัตรประชาชน',
      h(
        'span',
        idValue,
        r.canRevealNationalId && r.nationalIdMasked ? h('button.btn.small.secondary', { type: 'button', on: { click: reveal } }, 'แสดงเลขเต็ม') : null,
      ),
    );
  }
  fact('เรื่อง', r.categoryLabel);
  for (const w of r.ownWords || []) fact(w.stepLabel + ' (ผู้ร้องพิมพ์เอง: ตรวจสอบ)', '“' + w.words + '”');
  fact('ความเร่งด่วน', r.urgencyLabel);
  fact(
    'หมู่บ้าน',
    r.outsideArea
      ? 'นอกพื้นที่ตำบล' + (r.outsidePlace ? ': ' + r.outsidePlace : '')
      : r.village
        ? r.village + (r.villageToConfirm ? ' (ไม่อยู่ในรายชื่อหมู่บ้าน: ตรวจสอบ)' : '')
        : '-',
  );
  if (r.location && r.location.latitude)
    fact(
      'ตำแหน่ง',
      h(
        'a',
        { href: 'https://www.google.com/maps?q=' + r.location.latitude + ',' + r.location.longitude, target: '_blank', rel: 'noopener noreferrer' },
        r.location.address || 'เปิดแผนที่',
      ),
    );
  else if (r.location) fact('ตำแหน่ง', r.location.address);
  fact('รายละเอียด', r.details);
  fact(
    'ความยินยอม',
    r.consent ? (r.consent.given ? 'ยินยอม' + (r.consent.sensitive ? ' (ข้อมูลอ่อนไหว)' : '') + ' · ' + dateTime(r.consent.at) : 'ไม่ยินยอม') : undefined,
  );
  fact('แจ้งเมื่อ', dateTime(r.createdAt));
  return h(
    'section.card',
    h('h2', 'ข้อมูลผู้ร้อง'),
    facts,
    r.photos.length
      ? [
          h('h3', 'รูปภาพ'),
          h(
            'div.photos',
            r.photos.map((u) => h('a', { href: u, target: '_blank' }, h('img', { src: u, alt: 'รูปประกอบคำร้อง' }))),
          ),
        ]
      : null,
  );
}

/** The card, rebuilt only when what it shows changed (a revealed national ID stays through a status change). */
export function infoCard(ref) {
  const part = livePart((x) => factsCard(ref, x));
  return {
    get node() {
      return part.node;
    },
    update: (d) => part.update({ ...pick(d.request, INFO_FIELDS), citizenName: d.citizen.displayName }),
  };
}
