import { fields, Indicator, Submission, SubmissionsFixture, UNKNOWN_ID } from './submissions-fixtures';

describe('Submission review API', () => {
  let f: SubmissionsFixture;
  let buoi: Indicator;
  // Quarter II of 2024 is kept for the test of the subject line.
  let year = 2030;

  beforeAll(async () => {
    f = await SubmissionsFixture.start();
    buoi = await f.createIndicator();
    const settings = await f.t.request('PATCH', '/api/v1/settings', {
      body: { secretariatName: 'Thường trực Ban Chỉ đạo', committeeName: 'Ban Chỉ đạo Cuộc vận động huyện Kon Rẫy' },
    });
    expect(settings.status).toBe(200);
  });

  afterAll(async () => {
    await f.close();
  });

  beforeEach(() => {
    f.t.clock.travelTo(new Date('2024-06-20T09:00:00+07:00'));
  });

  // A submitted report of a new unit (with its own e-mail) in quarter II of a year of its own.
  async function submitted(options: { deadline?: string } = {}): Promise<{ submission: Submission; email: string; year: number }> {
    const email = `vanphong.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@konray.gov.vn`;
    const unit = await f.createUnit({ name: 'Xã Đăk Tơ Lung', emails: [email] });
    const period = await f.insertPeriod({ year: year++, quarter: 2, reportDueAt: options.deadline ?? '2024-06-25T17:00:00+07:00' });
    const submission = await f.save(period.id, unit.id, { values: { [buoi.code]: 12 }, submit: true });
    return { submission, email, year: period.year };
  }

  async function draft(): Promise<Submission> {
    const unit = await f.createUnit();
    const period = await f.insertPeriod({ year: year++, quarter: 2 });
    return f.save(period.id, unit.id, { values: {} });
  }

  describe('POST /submissions/:id/accept', () => {
    it('should accept a submitted report and queue a Vietnamese confirmation to the unit', async () => {
      const { submission, email, year: reportYear } = await submitted();
      f.t.clock.travelTo(new Date('2024-06-26T08:00:00+07:00'));
      const response = await f.review(submission.id, 'accept');
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: submission.id, status: 'accepted', reviewComment: null, revision: 2, submittedAt: submission.submittedAt, late: false });
      expect(Date.parse(response.body.reviewedAt as string)).toBeGreaterThanOrEqual(Date.parse('2024-06-26T08:00:00+07:00'));
      const mails = await f.mails(email);
      expect(mails).toHaveLength(1);
      expect(mails[0]).toMatchObject({ kind: 'submission.accepted', to_addresses: [email], subject: `[Giao ban] Báo cáo quý II/${reportYear} đã được tiếp nhận` });
      expect(mails[0].text_body).toContain('Kính gửi: Xã Đăk Tơ Lung');
      expect(mails[0].text_body).toContain('gửi lúc 09:00 ngày 20/6/');
      expect(mails[0].text_body).toContain('(đúng hạn)');
    });

    // The notice is written in the review's transaction (a crash between the two cannot lose it):
    // when PostgreSQL refuses the notice, here through a check constraint added for the test, the
    // review is not stored either.
    it('should store the review and its e-mail together or not at all', async () => {
      const { submission, email } = await submitted();
      await f.db.query(`ALTER TABLE mail_messages ADD CONSTRAINT test_no_notice CHECK (kind <> 'submission.accepted') NOT VALID`);
      try {
        expect((await f.review(submission.id, 'accept')).status).toBe(500);
      } finally {
        await f.db.query('ALTER TABLE mail_messages DROP CONSTRAINT test_no_notice');
      }
      expect(await f.get(submission.id)).toMatchObject({ status: 'submitted', revision: 1 });
      expect(await f.mails(email)).toEqual([]);
      expect((await f.review(submission.id, 'accept')).status).toBe(200);
      expect(await f.mails(email)).toHaveLength(1);
    });

    it('should answer 409 and send nothing when the report is a draft, returned or already accepted', async () => {
      const report = await draft();
      const fromDraft = await f.review(report.id, 'accept');
      expect(fromDraft.status).toBe(409);
      expect(fromDraft.body.message).toContain('draft');
      const { submission, email } = await submitted();
      expect((await f.review(submission.id, 'return', { comment: 'Bổ sung' })).status).toBe(200);
      expect((await f.review(submission.id, 'accept')).status).toBe(409);
      await f.save(submission.periodId, submission.unitId, { values: { [buoi.code]: 12 }, submit: true });
      expect((await f.review(submission.id, 'accept')).status).toBe(200);
      const again = await f.review(submission.id, 'accept');
      expect(again.status).toBe(409);
      expect(again.body.message).toContain('accepted');
      expect((await f.mails(email)).map((mail) => mail.kind)).toEqual(['submission.returned', 'submission.accepted']);
      expect((await f.get(submission.id)).revision).toBe(4);
    });

    it('should answer 404, 400 naming id, 401 and 403 when the id is unknown, malformed, no key or a viewer key is sent', async () => {
      const { submission } = await submitted();
      expect((await f.review(UNKNOWN_ID, 'accept')).status).toBe(404);
      const bad = await f.review('abc', 'accept');
      expect(bad.status).toBe(400);
      expect(fields(bad.body.details)).toEqual(['id']);
      expect((await f.review(submission.id, 'accept', undefined, null)).status).toBe(401);
      expect((await f.review(submission.id, 'accept', undefined, f.viewerKey)).status).toBe(403);
      expect((await f.get(submission.id)).status).toBe('submitted');
    });
  });

  describe('POST /submissions/:id/return', () => {
    it('should return a submitted report with the comment and queue a Vietnamese e-mail with the comment and the deadline', async () => {
      const { submission, email } = await submitted();
      const response = await f.review(submission.id, 'return', { comment: '  Đề nghị bổ sung số liệu <TT_LUOT> và kết quả nhiệm vụ 2.  ' });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ status: 'returned', reviewComment: 'Đề nghị bổ sung số liệu <TT_LUOT> và kết quả nhiệm vụ 2.', revision: 2 });
      const [mail] = await f.mails(email);
      expect(mail.kind).toBe('submission.returned');
      expect(mail.subject).toMatch(/^\[Giao ban\] Báo cáo quý II\/\d{4} cần bổ sung, chỉnh sửa$/);
      expect(mail.to_addresses).toEqual([email]);
      expect(mail.text_body).toContain('Đề nghị bổ sung số liệu <TT_LUOT> và kết quả nhiệm vụ 2.');
      expect(mail.text_body).toContain('gửi lại báo cáo trước 17:00 ngày 25/6/2024');
      expect(mail.text_body).toContain('Thường trực Ban Chỉ đạo\nBan Chỉ đạo Cuộc vận động huyện Kon Rẫy');
      expect(mail.html_body).toContain('&#60;TT_LUOT&#62;');
      expect(mail.html_body).not.toContain('<TT_LUOT>');
    });

    it('should write the subject with the period quarter and year when the period is quarter II of 2024', async () => {
      const unit = await f.createUnit({ emails: ['ubnd.dakkoi@konray.gov.vn'] });
      const period = await f.insertPeriod({ year: 2024, quarter: 2 });
      const report = await f.save(period.id, unit.id, { values: {}, submit: true });
      expect((await f.review(report.id, 'return', { comment: 'Bổ sung' })).status).toBe(200);
      const [mail] = await f.mails('ubnd.dakkoi@konray.gov.vn');
      expect(mail.subject).toBe('[Giao ban] Báo cáo quý II/2024 cần bổ sung, chỉnh sửa');
    });

    it('should write the deadline in the committee time zone and say it has passed when it has', async () => {
      const { submission, email } = await submitted({ deadline: '2024-06-25T17:00:00+07:00' });
      f.t.clock.travelTo(new Date('2024-06-27T09:00:00+07:00'));
      expect((await f.t.request('PATCH', '/api/v1/settings', { body: { timezone: 'UTC' } })).status).toBe(200);
      try {
        expect((await f.review(submission.id, 'return', { comment: 'Bổ sung' })).status).toBe(200);
      } finally {
        await f.t.request('PATCH', '/api/v1/settings', { body: { timezone: 'Asia/Ho_Chi_Minh' } });
      }
      const [mail] = await f.mails(email);
      expect(mail.text_body).toContain('Hạn gửi báo cáo là 10:00 ngày 25/6/2024; đề nghị đơn vị hoàn thiện và gửi lại báo cáo trong thời gian sớm nhất.');
    });

    it('should return an accepted report, and keep the first submittedAt when the unit sends it again late', async () => {
      const { submission } = await submitted();
      expect((await f.review(submission.id, 'accept')).status).toBe(200);
      const returned = await f.review(submission.id, 'return', { comment: 'Số liệu chưa khớp' });
      expect(returned.status).toBe(200);
      expect(returned.body).toMatchObject({ status: 'returned', reviewComment: 'Số liệu chưa khớp', submittedAt: submission.submittedAt });
      f.t.clock.travelTo(new Date('2024-06-28T09:00:00+07:00'));
      const resubmitted = await f.save(submission.periodId, submission.unitId, { values: { [buoi.code]: 13 }, submit: true });
      expect(resubmitted).toMatchObject({ status: 'submitted', submittedAt: submission.submittedAt, late: false, reviewComment: 'Số liệu chưa khớp' });
      expect(Date.parse(resubmitted.lastSubmittedAt as string)).toBeGreaterThanOrEqual(Date.parse('2024-06-28T09:00:00+07:00'));
    });

    it('should let a returned report be edited as a draft would be, staying returned until it is submitted', async () => {
      const { submission } = await submitted();
      expect((await f.review(submission.id, 'return', { comment: 'Bổ sung' })).status).toBe(200);
      const edited = await f.save(submission.periodId, submission.unitId, { values: { [buoi.code]: 20 } });
      expect(edited).toMatchObject({ status: 'returned', values: { [buoi.code]: 20 } });
    });

    it('should answer 400 naming comment, change nothing and send nothing when the comment is missing, blank, too long or not text', async () => {
      const { submission, email } = await submitted();
      for (const body of [{}, { comment: '   ' }, { comment: 42 }, { comment: 'x'.repeat(5001) }, undefined]) {
        const response = await f.review(submission.id, 'return', body);
        expect(response.status).toBe(400);
        expect(fields(response.body.details)).toEqual(['comment']);
      }
      const extra = await f.review(submission.id, 'return', { comment: 'Bổ sung', urgent: true });
      expect(extra.status).toBe(400);
      expect(fields(extra.body.details)).toEqual(['urgent']);
      expect(await f.get(submission.id)).toEqual(submission);
      expect(await f.mails(email)).toEqual([]);
    });

    it('should answer 409 when the report is a draft or already returned', async () => {
      const report = await draft();
      expect((await f.review(report.id, 'return', { comment: 'Bổ sung' })).status).toBe(409);
      const { submission, email } = await submitted();
      expect((await f.review(submission.id, 'return', { comment: 'Bổ sung' })).status).toBe(200);
      const again = await f.review(submission.id, 'return', { comment: 'Lần nữa' });
      expect(again.status).toBe(409);
      expect(again.body.message).toContain('returned');
      expect(await f.mails(email)).toHaveLength(1);
    });

    it('should answer 404, 400 naming id, 401 and 403 when the id is unknown, malformed, no key or a viewer key is sent', async () => {
      const { submission } = await submitted();
      expect((await f.review(UNKNOWN_ID, 'return', { comment: 'Bổ sung' })).status).toBe(404);
      const bad = await f.review('abc', 'return', { comment: 'Bổ sung' });
      expect(bad.status).toBe(400);
      expect(fields(bad.body.details)).toEqual(['id']);
      expect((await f.review(submission.id, 'return', { comment: 'Bổ sung' }, null)).status).toBe(401);
      expect((await f.review(submission.id, 'return', { comment: 'Bổ sung' }, f.viewerKey)).status).toBe(403);
      expect((await f.get(submission.id)).status).toBe('submitted');
    });

    it('should audit the return under entity submission with the comment', async () => {
      const { submission } = await submitted();
      expect((await f.review(submission.id, 'return', { comment: 'Bổ sung' })).status).toBe(200);
      const response = await f.t.request('GET', `/api/v1/audit?entity=submission&entityId=${submission.id}&sort=-at&limit=1`);
      expect(response.body.items[0]).toMatchObject({ action: 'update', changes: { status: { from: 'submitted', to: 'returned' }, reviewComment: { from: null, to: 'Bổ sung' } } });
    });
  });
});
