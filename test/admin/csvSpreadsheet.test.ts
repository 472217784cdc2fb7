/**
 * The CSV exports as a spreadsheet reads them: the requests CSV (with the full national ID) and the bookings CSV
 * are opened by LibreOffice Calc (headless, converted to .ods), with formulas evaluated on import and without,
 * and the national ID and the phone number must come out as text cells with every digit — not 1.10170E+12,
 * not a formula shown as typed. (Excel reads "1-1017-00203-45-0" and "081-234-5678" as text too: neither is a
 * number, date or formula.)
 *
 * Needs LibreOffice (`apt-get install -y libreoffice-calc-nogui`); skipped with a message without it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectTestDb, type TestDb } from '../helpers/db';
import { startTestBot, type TestBot } from '../helpers/bot';
import { nockLine, type NockLine } from '../helpers/nockLine';
import { Booking } from '../../src/db/models/booking';
import { bookableDates } from '../../src/domain/calendar/slots';
import { login, makeStaff, storeRequest, type Staff } from './helpers';

const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => fs.existsSync(p));
const describeWithCalc = SOFFICE ? describe : describe.skip;
// eslint-disable-next-line no-console
if (!SOFFICE) console.warn('csvSpreadsheet: skipped, LibreOffice not found (apt-get install -y libreoffice-calc-nogui)');

type Sheet = [string, string][][];

/**
 * Each CSV opened by LibreOffice (one start of soffice for all of them): the cells of its first sheet as Calc
 * typed them, [type, text] per cell, row by row.
 */
function openInCalc(csvs: Buffer[], evaluateFormulas: boolean): Sheet[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'calc-'));
  try {
    const files = csvs.map((csv, i) => {
      const file = path.join(dir, `export${i}.csv`);
      fs.writeFileSync(file, csv);
      return file;
    });
    // Comma, double quote, UTF-8, from line 1, standard columns, Thai, quoted fields not forced to text,
    // special numbers detected, …, formulas evaluated or not (the 13th token), as the import dialog offers.
    const filter = `CSV:44,34,76,1,,1054,false,true,false,false,false,1,${evaluateFormulas}`;
    execFileSync(
      SOFFICE!,
      [`-env:UserInstallation=file://${dir}/profile`, '--headless', `--infilter=${filter}`, '--convert-to', 'ods', '--outdir', dir, ...files],
      { stdio: 'ignore', timeout: 90_000 },
    );
    return files.map((file) => {
      const xml = execFileSync('unzip', ['-p', file.replace(/\.csv$/, '.ods'), 'content.xml']).toString('utf8');
      return [...xml.matchAll(/<table:table-row[^>]*>(.*?)<\/table:table-row>/g)].map((row) =>
        [...row[1]!.matchAll(/<table:table-cell([^>]*?)(?:\/>|>(.*?)<\/table:table-cell>)/g)].map((c) => {
          const type = /office:value-type="(\w+)"/.exec(c[1]!)?.[1] ?? 'empty';
          const text = (c[2] ?? '')
            .replace(/<text:tab\/>/g, '\t')
            .replace(/<[^>]+>/g, '')
            .replace(/&quot;/g, '"')
            .replace(/&amp;/g, '&');
          return [type, text] as [string, string];
        }),
      );
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const download = (s: Awaited<ReturnType<typeof login>>, url: string) =>
  s.agent
    .get(url)
    .buffer(true)
    .parse((resp, cb) => {
      const chunks: Buffer[] = [];
      resp.on('data', (c: Buffer) => chunks.push(c));
      resp.on('end', () => cb(null, Buffer.concat(chunks)));
    });

describeWithCalc('CSV exports opened in LibreOffice Calc', () => {
  let db: TestDb;
  let bot: TestBot;
  let line: NockLine;
  let staff: Staff;

  beforeAll(async () => {
    db = await connectTestDb();
    line = nockLine();
    bot = startTestBot();
    staff = await makeStaff('staff');
  });
  afterAll(async () => {
    await bot.stop();
    line.done();
    await db.close();
  });

  it('keeps the national ID and the phone as text with every digit, formulas evaluated or not', async () => {
    const r = await storeRequest({ nationalId: '3520100123456', phone: '0812345678' });
    const date = bookableDates(new Date(), 1)[0]!;
    await Booking.create({
      reference: 'NB-2569-55501',
      submissionKey: `calc-${Date.now()}`,
      lineUserId: r.lineUserId,
      requesterName: 'ผู้นัด',
      purpose: 'consult',
      beneficiary: { who: 'self', name: 'ผู้นัด ทดสอบ' },
      date,
      time: '10:00',
      start: new Date(`${date}T10:00:00+07:00`),
      seat: 1,
      phone: '0812345678',
      remindAt: null,
    });
    const s = await login(bot.app, staff.username);
    const requests = await download(s, `/admin/api/requests.csv?q=${r.reference}`);
    const bookings = await download(s, `/admin/api/bookings.csv?from=${date}&to=${date}`);
    expect([requests.status, bookings.status]).toEqual([200, 200]);

    const bareNumber = Buffer.from('id\r\n3520100123456\r\n');
    const [withFormulas] = openInCalc([requests.body as Buffer], true);
    const [withoutFormulas, bookingSheet, bare] = openInCalc([requests.body as Buffer, bookings.body as Buffer, bareNumber], false);
    for (const [head, row] of [withFormulas!, withoutFormulas!]) {
      const col = (name: string) => row![head!.findIndex(([, t]) => t === name)]!;
      expect(col('เลขบัตรประชาชน')).toEqual(['string', '3-5201-00123-45-6']);
      expect(col('โทรศัพท์')).toEqual(['string', '081-234-5678']);
      expect(col('เลขคำร้อง')).toEqual(['string', r.reference]);
    }
    const [bHead, bRow] = bookingSheet!;
    expect(bRow![bHead!.findIndex(([, t]) => t === 'โทรศัพท์')]).toEqual(['string', '081-234-5678']);
    expect(bRow![0]).toEqual(['string', 'NB-2569-55501']);
    // What the test guards against: the bare number is a float in Calc (shown as 3.52E+12 in a narrow column).
    expect(bare![1]![0]![0]).toBe('float');
  }, 120_000);
});
