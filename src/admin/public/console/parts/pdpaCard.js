/*
 * "ข้อมูลส่วนบุคคล (PDPA)" on a citizen's chat and request pages: download everything held about the citizen as
 * one ZIP (to give them when they ask to see it), and, for admins, erase it with a reason (cannot be undone;
 * the public record of each request stays without personal data). Both are in the audit log.
 */
import { h } from '../../shared/dom.js';
import { api, API } from '../api.js';
import { can } from '../state.js';
import { navigate } from '../router.js';
import { toast, fail } from '../ui.js';

export function pdpaCard(lineUserId) {
  if (!can('pdpa:export') || !lineUserId) return null;
  const href = API + '/citizens/' + encodeURIComponent(lineUserId) + '/export';
  return h(
    'section.card.pdpa',
    h('h2', 'ข้อมูลส่วนบุคคล (PDPA)'),
    h('p.small.muted', 'ทุกอย่างที่ศูนย์ฯ เก็บไว้ของผู้ติดต่อรายนี้ (คำร้อง นัดหมาย ข้อความ รูป ความยินยอม) ในไฟล์เดียว สำหรับส่งให้เจ้าของข้อมูลเมื่อขอดู ตรวจทานก่อนส่ง'),
    h('a.btn.small.secondary', { href, download: '' }, 'ดาวน์โหลดข้อมูลทั้งหมด (ZIP)'),
    can('pdpa:erase') ? eraseForm(lineUserId) : null,
  );
}

function eraseForm(lineUserId) {
  const reason = h('textarea#pdpa-reason', {
    rows: 2,
    maxlength: 500,
    minlength: 5,
    required: true,
    placeholder: 'เช่น ผู้ร้องขอลบทาง LINE ยืนยันตัวตนทางโทรศัพท์แล้ว',
  });
  const sure = h('input#pdpa-sure', { type: 'checkbox', required: true });
  const submit = async (e) => {
    e.preventDefault();
    if (!sure.checked || reason.value.trim().length < 5) return;
    const button = e.target.querySelector('button');
    button.disabled = true;
    try {
      const r = await api('POST', '/citizens/' + encodeURIComponent(lineUserId) + '/erase', { reason: reason.value.trim(), confirm: true });
      const x = r.erased;
      toast('ลบข้อมูลแล้ว: คำร้อง ' + x.requests + ' · นัดหมาย ' + x.bookings + ' · ข้อความ ' + x.messages + ' · รูป ' + x.photos);
      navigate('/admin');
    } catch (err) {
      fail(err);
      button.disabled = false;
    }
  };
  return h(
    'details.mt',
    h('summary', 'ลบข้อมูลของผู้ติดต่อรายนี้'),
    h(
      'form',
      { on: { submit } },
      h(
        'p.small',
        'ลบชื่อ อายุ เบอร์โทร เลขบัตรประชาชน รายละเอียด ตำแหน่ง รูป ข้อความที่คุยกัน บันทึกภายใน และข้อมูลจาก LINE นัดหมายที่ยังไม่ถึงวันจะถูกยกเลิก คงไว้เฉพาะเลขคำร้อง ประเภท หมู่บ้าน วันที่ สถานะ และข้อเท็จจริงของความยินยอม ตามที่กฎหมายกำหนด',
      ),
      h('label', { for: 'pdpa-reason' }, 'เหตุผล (บันทึกในประวัติการใช้งาน)'),
      reason,
      h('label.row', sure, ' ตรวจสอบตัวตนผู้ขอแล้ว และเข้าใจว่าลบแล้วกู้คืนไม่ได้'),
      h('button.btn.danger.small', { type: 'submit' }, 'ลบข้อมูลถาวร'),
    ),
  );
}
