import { quarterLabelVi } from '../src/common/vietnamese';
import { SubmissionsService } from '../src/submissions/submissions.service';
import { Indicator, Period, SubmissionsFixture, Unit } from './submissions-fixtures';
import { CapturedMail, startSmtpServer, TestSmtpServer } from './support/smtp';

const DEADLINE = '2024-06-25T17:00:00+07:00';
const RECEIVED = ['submission.received'];

describe('Submission receipt e-mail', () => {
  let smtp: TestSmtpServer;
  let f: SubmissionsFixture;
  let buoi: Indicator;
  let luot: Indicator;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    f = await SubmissionsFixture.start({ env: { SMTP_URL: smtp.url, MAIL_RETRY_DELAY_MS: '100' } });
    buoi = await f.createIndicator();
    luot = await f.createIndicator({ name: 'Lượt người tham dự', measure: 'lượt người' });
    const settings = await f.t.request('PATCH', '/api/v1/settings', {
      body: { secretariatName: 'Văn phòng Ban Chỉ đạo huyện', secretariatEmail: 'vanphong.bcd@konray.gov.vn', committeeName: 'Ban Chỉ đạo huyện Kon Rẫy' },
    });
    expect(settings.status).toBe(200);
  });

  afterAll(async () => {
    await f.close();
    await smtp.close();
  });

  beforeEach(() => {
    f.t.clock.travelTo(new Date('2024-06-24T16:20:00+07:00'));
  });

  // A new unit with two addresses of its own, and a period of its own.
  async function setting(period?: { year: number; quarter: number }): Promise<{ unit: Unit; period: Period; emails: string[] }> {
    const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const emails = [`ubnd.${tag}@konray.gov.vn`, `vanphong.${tag}@konray.gov.vn`];
    const unit = await f.createUnit({ name: 'Xã Đăk Tơ Lung', emails });
    return { unit, period: await f.insertPeriod({ reportDueAt: DEADLINE, ...period }), emails };
  }

  function deliveredTo(address: string): CapturedMail[] {
    return smtp.mails.filter((mail) => mail.envelopeTo.includes(address));
  }

  // Waits until the SMTP server has `count` messages to the address whose subject starts with the receipt's.
  async function receipts(address: string, count: number): Promise<CapturedMail[]> {
    const deadline = Date.now() + 20_000;
    const found = () => deliveredTo(address).filter((mail) => mail.parsed.subject?.startsWith('[Giao ban] Đã nhận báo cáo'));
    while (found().length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(found()).toHaveLength(count);
    return found();
  }

  it('should e-mail the unit one Vietnamese receipt through SMTP with the time, on time and the summary when it submits', async () => {
    const { unit, period, emails } = await setting({ year: 2024, quarter: 2 });
    const done = await f.insertAssignment(period.id, unit.id);
    const started = await f.insertAssignment(period.id, unit.id);
    await f.save(period.id, unit.id, {
      values: { [buoi.code]: 12, [luot.code]: 8145 },
      taskUpdates: [
        { assignmentId: done, status: 'done' },
        { assignmentId: started, status: 'in_progress', note: 'Đang chuẩn bị' },
      ],
      submit: true,
    });
    const [mail] = await receipts(emails[0], 1);
    expect(mail.envelopeTo.sort()).toEqual([...emails].sort());
    expect(mail.parsed.cc).toBeUndefined();
    expect(mail.parsed.subject).toBe('[Giao ban] Đã nhận báo cáo quý II/2024 của Xã Đăk Tơ Lung');
    expect(mail.parsed.text).toContain('Kính gửi: Xã Đăk Tơ Lung');
    expect(mail.parsed.text).toContain('đã nhận báo cáo quý II/2024 của đơn vị lúc 16:20 ngày 24/6/2024, đúng hạn (hạn gửi báo cáo: 17:00 ngày 25/6/2024).');
    expect(mail.parsed.text).toContain('- Số chỉ tiêu có số liệu: 2\n- Số nhiệm vụ được cập nhật tiến độ: 2');
    expect(mail.parsed.text).toContain('Thường trực Ban Chỉ đạo sẽ xem xét báo cáo.');
    expect(mail.parsed.text).toContain('liên hệ Văn phòng Ban Chỉ đạo huyện qua thư điện tử vanphong.bcd@konray.gov.vn.');
    expect(mail.parsed.text).toContain('Trân trọng,\nVăn phòng Ban Chỉ đạo huyện\nBan Chỉ đạo huyện Kon Rẫy');
    expect(mail.parsed.html).toContain('<p>Kính gửi: Xã Đăk Tơ Lung</p>');
    expect(mail.parsed.html).toContain('- Số chỉ tiêu có số liệu: 2<br>- Số nhiệm vụ được cập nhật tiến độ: 2');
    expect(await f.mails(emails[1], RECEIVED)).toHaveLength(1);
  });

  it('should queue no receipt when a draft is saved, and one when that draft is then submitted late', async () => {
    const { unit, period, emails } = await setting();
    await f.save(period.id, unit.id, { values: { [buoi.code]: 3 } });
    await f.save(period.id, unit.id, { values: { [buoi.code]: 4 } });
    expect(await f.mails(emails[0], RECEIVED)).toEqual([]);
    f.t.clock.travelTo(new Date('2024-06-26T08:05:00+07:00'));
    await f.save(period.id, unit.id, { values: { [buoi.code]: 4 }, submit: true });
    const [mail] = await receipts(emails[0], 1);
    expect(mail.parsed.subject).toBe(`[Giao ban] Đã nhận báo cáo ${quarterLabelVi(period.quarter, period.year)} của Xã Đăk Tơ Lung`);
    expect(mail.parsed.text).toContain('lúc 08:05 ngày 26/6/2024, sau hạn 17:00 ngày 25/6/2024.');
    expect(mail.parsed.text).toContain('- Số chỉ tiêu có số liệu: 1\n- Số nhiệm vụ được cập nhật tiến độ: 0');
    expect(await f.mails(emails[0], RECEIVED)).toHaveLength(1);
  });

  it('should send a second receipt numbered 2 when the report is resubmitted after a return', async () => {
    const { unit, period, emails } = await setting();
    const first = await f.save(period.id, unit.id, { values: { [buoi.code]: 12 }, submit: true });
    expect((await f.review(first.id, 'return', { comment: 'Bổ sung số liệu lượt người tham dự' })).status).toBe(200);
    f.t.clock.travelTo(new Date('2024-06-28T09:00:00+07:00'));
    await f.save(period.id, unit.id, { values: { [buoi.code]: 12, [luot.code]: 640 }, submit: true });
    const [, second] = await receipts(emails[0], 2);
    expect(second.parsed.subject).toBe(`[Giao ban] Đã nhận báo cáo ${quarterLabelVi(period.quarter, period.year)} của Xã Đăk Tơ Lung (lần gửi thứ 2)`);
    expect(second.parsed.text).toContain('lúc 09:00 ngày 28/6/2024.\nĐây là lần gửi thứ 2 của báo cáo; báo cáo được gửi lần đầu lúc 16:20 ngày 24/6/2024, đúng hạn');
    expect(second.parsed.text).toContain('- Số chỉ tiêu có số liệu: 2');
    expect((await f.mails(emails[0], ['submission.received', 'submission.returned'])).map((mail) => mail.kind)).toEqual([
      'submission.received',
      'submission.returned',
      'submission.received',
    ]);
  });

  it('should not send again when the same submitting PUT is repeated on a submitted report, and send again when it carries a change', async () => {
    const { unit, period, emails } = await setting();
    const body = { values: { [buoi.code]: 12 }, submit: true };
    const submitted = await f.save(period.id, unit.id, body);
    const repeats = await Promise.all([f.save(period.id, unit.id, body), f.save(period.id, unit.id, body)]);
    expect(repeats.map((repeat) => repeat.revision)).toEqual([submitted.revision, submitted.revision]);
    expect(await f.mails(emails[0], RECEIVED)).toHaveLength(1);
    const changed = await f.save(period.id, unit.id, { values: { [buoi.code]: 13 }, submit: true });
    expect(changed).toMatchObject({ status: 'submitted', revision: submitted.revision + 1 });
    const [, second] = await receipts(emails[0], 2);
    expect(second.parsed.subject).toContain('(lần gửi thứ 2)');
    expect(await f.mails(emails[0], RECEIVED)).toHaveLength(2);
  });

  it('should queue exactly one receipt when the same submission is sent several times at once', async () => {
    const { unit, period, emails } = await setting();
    const body = { sections: {}, values: { [buoi.code]: 7 }, submit: true };
    const answers = await Promise.all(Array.from({ length: 4 }, () => f.put(period.id, unit.id, body, f.secretariatKey)));
    expect(answers.every((answer) => answer.status === 200 || answer.status === 409)).toBe(true);
    expect((await f.revisions(answers.find((answer) => answer.status === 200)!.body.id)).filter((revision) => revision.action === 'submit')).toHaveLength(1);
    await receipts(emails[0], 1);
    expect(await f.mails(emails[0], RECEIVED)).toHaveLength(1);
  });

  it('should send no receipt when a past quarter is replayed at another instant', async () => {
    const { unit, period, emails } = await setting();
    const replayed = await f.t.app
      .get(SubmissionsService)
      .upsert(period.id, unit.id, { sections: {}, values: { [buoi.code]: 5 }, submit: true }, { name: 'demo' }, { at: new Date('2024-06-20T10:00:00+07:00') });
    expect(replayed.status).toBe('submitted');
    expect(await f.mails(emails[0], RECEIVED)).toEqual([]);
  });

  it('should send no receipt and change nothing when the submitting PUT is refused', async () => {
    const { unit, period, emails } = await setting();
    const refused = await f.put(period.id, unit.id, { sections: {}, values: { NOT_AN_INDICATOR: 1 }, submit: true }, f.secretariatKey);
    expect(refused.status).toBe(400);
    expect(await f.submissionCount(period.id)).toBe(0);
    expect(await f.mails(emails[0], RECEIVED)).toEqual([]);
  });

  // The receipt is written in the submission's transaction: when it cannot be stored, neither is
  // the submission, and a crash between the two cannot lose it. PostgreSQL itself refuses the
  // receipt here, with a check constraint added for the test.
  it('should store the submission and its receipt together or not at all', async () => {
    const { unit, period, emails } = await setting();
    await f.save(period.id, unit.id, { sections: { results: 'Bản nháp' } });
    await f.db.query(`ALTER TABLE mail_messages ADD CONSTRAINT test_no_receipt CHECK (kind <> 'submission.received') NOT VALID`);
    try {
      const refused = await f.put(period.id, unit.id, { sections: { results: 'Đã hoàn thành' }, values: {}, submit: true }, f.secretariatKey);
      expect(refused.status).toBe(500);
    } finally {
      await f.db.query('ALTER TABLE mail_messages DROP CONSTRAINT test_no_receipt');
    }
    const draft = await f.db.query(`SELECT status, sections->>'results' AS results, revision FROM submissions WHERE period_id = $1`, [period.id]);
    expect(draft.rows).toEqual([{ status: 'draft', results: 'Bản nháp', revision: 1 }]);
    expect(await f.mails(emails[0], RECEIVED)).toEqual([]);

    const submitted = await f.save(period.id, unit.id, { sections: { results: 'Đã hoàn thành' }, submit: true });
    expect(submitted.status).toBe('submitted');
    expect(await f.mails(emails[0], RECEIVED)).toHaveLength(1);
    await receipts(emails[0], 1);
  });
});
