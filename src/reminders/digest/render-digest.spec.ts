import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DigestModel, renderDigest } from './render-digest';

const HCM = 'Asia/Ho_Chi_Minh';
const REPORT_DUE = new Date('2024-06-25T17:00:00+07:00');
const PORTAL = 'https://giaoban.example/portal/7d1f0c2a?unit=X-DAKRUONG&period=2024-Q2';

// The HTML template is laid out by prettier; whitespace between and inside tags means nothing.
function flat(html: string): string {
  return html.replace(/\s+/g, ' ').replace(/ >/g, '>');
}

function render(digestModel: DigestModel): { subject: string; text: string; html: string } {
  const digest = renderDigest(digestModel);
  return { ...digest, html: flat(digest.html) };
}

// A commune with only its quarterly report pending, three working days before the deadline.
function model(overrides: Partial<DigestModel> = {}): DigestModel {
  return {
    kind: 'before_due',
    step: 1,
    unit: { code: 'X-DAKRUONG', name: 'Xã Đăk Ruồng' },
    period: { year: 2024, quarter: 2 },
    committeeName: 'Ban Chỉ đạo Cuộc vận động huyện Kon Rẫy',
    secretariatName: 'Ban Dân vận Huyện ủy (Thường trực Ban Chỉ đạo)',
    secretariatEmail: 'bandanvan@konray.gov.example',
    programName: 'Cuộc vận động “Làm thay đổi nếp nghĩ, cách làm của đồng bào dân tộc thiểu số”',
    timeZone: HCM,
    now: new Date('2024-06-20T08:00:00+07:00'),
    anchorDueAt: REPORT_DUE,
    workingDaysLeft: 3,
    report: { dueAt: REPORT_DUE, status: 'missing' },
    tasks: [],
    portalUrl: PORTAL,
    ...overrides,
  };
}

const TASK_EARLY = { title: 'Rà soát kết quả xóa bỏ hủ tục theo Chỉ thị số 13-CT/TU', dueAt: new Date('2024-06-20T17:00:00+07:00'), state: 'overdue', role: 'support' } as const;
const TASK_LATE = { title: 'Ra mắt, triển khai mô hình Cuộc vận động năm 2024', dueAt: new Date('2024-06-25T17:00:00+07:00'), state: 'in_progress_on_time', role: 'lead' } as const;

// The digest of the golden file: a returned report and two tasks with different deadlines.
const GOLDEN_MODEL = model({
  now: new Date('2024-06-17T08:00:00+07:00'),
  anchorDueAt: TASK_EARLY.dueAt,
  workingDaysLeft: 3,
  report: { dueAt: REPORT_DUE, status: 'returned', reviewComment: 'Đề nghị bổ sung số liệu chỉ tiêu Buổi tuyên truyền và ký, đóng dấu.' },
  tasks: [TASK_LATE, { ...TASK_EARLY, state: 'in_progress_on_time' }],
});

describe(renderDigest.name, () => {
  describe('subject', () => {
    it('should announce the report and the working days left when the report is due in three working days', () => {
      expect(renderDigest(model()).subject).toBe('[Nhắc việc] Báo cáo quý II/2024 — hạn 25/6/2024, còn 3 ngày làm việc');
    });

    it('should count the tasks and name the nearest deadline when only tasks with different deadlines are pending', () => {
      const digest = renderDigest(model({ report: null, tasks: [TASK_LATE, { ...TASK_EARLY, state: 'in_progress_on_time' }], anchorDueAt: TASK_EARLY.dueAt }));
      expect(digest.subject).toBe('[Nhắc việc] 2 nhiệm vụ quý II/2024 — hạn gần nhất 20/6/2024, còn 3 ngày làm việc');
    });

    it('should name the report and the tasks with one deadline when they are all due at the same time', () => {
      const tasks = [TASK_LATE, { ...TASK_LATE, title: 'Nhiệm vụ khác' }];
      expect(renderDigest(model({ tasks })).subject).toBe('[Nhắc việc] Báo cáo và 2 nhiệm vụ quý II/2024 — hạn 25/6/2024, còn 3 ngày làm việc');
    });

    it('should say the deadline is today with its time when the kind is due_today', () => {
      expect(renderDigest(model({ kind: 'due_today', workingDaysLeft: 0 })).subject).toBe('[Nhắc việc] Hôm nay là hạn: Báo cáo quý II/2024 (17:00 ngày 25/6/2024)');
    });

    it('should count the working days past the deadline when the kind is overdue', () => {
      expect(renderDigest(model({ kind: 'overdue', workingDaysLeft: -2 })).subject).toBe('[Quá hạn] Báo cáo quý II/2024 — quá hạn 2 ngày làm việc (hạn 25/6/2024)');
    });

    it('should name the nearest deadline when overdue items have different deadlines', () => {
      const digest = renderDigest(model({ kind: 'overdue', workingDaysLeft: -4, anchorDueAt: TASK_EARLY.dueAt, tasks: [TASK_EARLY] }));
      expect(digest.subject).toBe('[Quá hạn] Báo cáo và 1 nhiệm vụ quý II/2024 — quá hạn 4 ngày làm việc (hạn gần nhất 20/6/2024)');
    });

    it('should address the head of the unit and name the unit when the kind is escalation', () => {
      expect(renderDigest(model({ kind: 'escalation', workingDaysLeft: -4 })).subject).toBe(
        '[Quá hạn – báo cáo Thủ trưởng] Xã Đăk Ruồng: Báo cáo quý II/2024 — quá hạn 4 ngày làm việc (hạn 25/6/2024)',
      );
    });

    it('should write the deadline in the committee time zone when it falls on another day in UTC', () => {
      const dueAt = new Date('2024-06-24T18:30:00Z');
      const base = { kind: 'due_today', workingDaysLeft: 0, anchorDueAt: dueAt, report: { dueAt, status: 'draft' } } as const;
      expect(renderDigest(model(base)).subject).toBe('[Nhắc việc] Hôm nay là hạn: Báo cáo quý II/2024 (01:30 ngày 25/6/2024)');
      expect(renderDigest(model({ ...base, timeZone: 'UTC' })).subject).toBe('[Nhắc việc] Hôm nay là hạn: Báo cáo quý II/2024 (18:30 ngày 24/6/2024)');
    });

    it('should stay on one line when the unit name contains line breaks', () => {
      const digest = renderDigest(model({ kind: 'escalation', workingDaysLeft: -2, unit: { code: 'X', name: 'Xã\r\nĐăk  Kôi' } }));
      expect(digest.subject).toBe('[Quá hạn – báo cáo Thủ trưởng] Xã Đăk Kôi: Báo cáo quý II/2024 — quá hạn 2 ngày làm việc (hạn 25/6/2024)');
    });
  });

  describe('wording when the facts moved since the reminder was planned', () => {
    it('should say the deadline is today when a before_due reminder is sent on the deadline day', () => {
      expect(renderDigest(model({ kind: 'before_due', workingDaysLeft: 0 })).subject).toBe('[Nhắc việc] Hôm nay là hạn: Báo cáo quý II/2024 (17:00 ngày 25/6/2024)');
    });

    it('should say overdue when a before_due reminder is sent after the deadline', () => {
      expect(renderDigest(model({ kind: 'before_due', workingDaysLeft: -1 })).subject).toBe('[Quá hạn] Báo cáo quý II/2024 — quá hạn 1 ngày làm việc (hạn 25/6/2024)');
    });

    it('should count the days left when only an item not yet due remains of an overdue reminder', () => {
      const digest = render(model({ kind: 'overdue', workingDaysLeft: 2, report: null, tasks: [TASK_LATE] }));
      expect(digest.subject).toBe('[Nhắc việc] 1 nhiệm vụ quý II/2024 — hạn 25/6/2024, còn 2 ngày làm việc');
      expect(digest.text).not.toMatch(/quá hạn/i);
      expect(digest.html).not.toMatch(/quá hạn/i);
    });

    it('should still address the head but drop the escalation wording when nothing is overdue any more', () => {
      const digest = render(model({ kind: 'escalation', workingDaysLeft: 0 }));
      expect(digest.subject).toBe('[Nhắc việc] Hôm nay là hạn: Báo cáo quý II/2024 (17:00 ngày 25/6/2024)');
      expect(digest.text.startsWith('Kính gửi: Thủ trưởng Xã Đăk Ruồng,\n')).toBe(true);
      expect(digest.text).toContain('Hôm nay là hạn (17:00 ngày 25/6/2024).');
      expect(digest.text).not.toContain('Đề nghị Thủ trưởng');
    });
  });

  describe('body', () => {
    it('should greet the unit by its name with diacritics in the text and the HTML', () => {
      const { text, html } = render(model());
      expect(text.startsWith('Kính gửi: Xã Đăk Ruồng,\n')).toBe(true);
      expect(html).toContain('Kính gửi: <strong>Xã Đăk Ruồng</strong>,');
    });

    it('should greet the head of the unit and ask for direction when the kind is escalation', () => {
      const { text, html } = render(model({ kind: 'escalation', workingDaysLeft: -4 }));
      expect(text.startsWith('Kính gửi: Thủ trưởng Xã Đăk Ruồng,\n')).toBe(true);
      expect(text).toContain('đến nay Xã Đăk Ruồng vẫn chưa hoàn thành các việc dưới đây, đã quá hạn 4 ngày làm việc (hạn: 17:00 ngày 25/6/2024)');
      expect(text).toContain('Đề nghị Thủ trưởng đơn vị quan tâm, chỉ đạo hoàn thành và gửi báo cáo');
      expect(html).toContain('Kính gửi: Thủ trưởng <strong>Xã Đăk Ruồng</strong>,');
      expect(html).toContain('Đề nghị Thủ trưởng đơn vị quan tâm, chỉ đạo hoàn thành và gửi báo cáo');
    });

    it.each([
      ['before_due', 3, 'Hạn là 17:00 ngày 25/6/2024, còn 3 ngày làm việc.'],
      ['due_today', 0, 'Hôm nay là hạn (17:00 ngày 25/6/2024).'],
      ['overdue', -2, 'Đã quá hạn 2 ngày làm việc (hạn: 17:00 ngày 25/6/2024).'],
    ] as const)('should state the deadline when the kind is %s', (kind, workingDaysLeft, sentence) => {
      const { text, html } = render(model({ kind, workingDaysLeft }));
      expect(text).toContain(sentence);
      expect(html).toContain(sentence);
    });

    it('should name the period, the program and the committee when they are set', () => {
      const { text, html } = render(model());
      const sentence =
        'Thực hiện chế độ báo cáo quý II/2024 về Cuộc vận động “Làm thay đổi nếp nghĩ, cách làm của đồng bào dân tộc thiểu số” của Ban Chỉ đạo Cuộc vận động huyện Kon Rẫy, đơn vị còn các việc dưới đây chưa hoàn thành.';
      expect(text).toContain(sentence);
      expect(html).toContain(sentence);
    });

    it('should leave out the program, the committee and the e-mail, and sign as the secretariat, when the settings are empty', () => {
      const { text, html } = render(model({ programName: null, committeeName: '  ', secretariatName: null, secretariatEmail: null, portalUrl: null }));
      expect(text).toContain('Thực hiện chế độ báo cáo quý II/2024, đơn vị còn các việc dưới đây chưa hoàn thành.');
      expect(text).toContain('Trân trọng.\n\nThường trực Ban Chỉ đạo\n\n--\n');
      expect(text).toContain('Đơn vị vui lòng gửi báo cáo bằng cách trả lời thư này.\n');
      expect(html).toContain('<div style="font-weight: bold">Thường trực Ban Chỉ đạo</div> </div>');
      for (const output of [text, html]) expect(output).not.toMatch(/null|undefined|Thư điện tử|mailto/);
    });

    it('should sign with the secretariat, the committee and its e-mail when they are set', () => {
      const { text, html } = render(model());
      expect(text).toContain('Trân trọng.\n\nBan Dân vận Huyện ủy (Thường trực Ban Chỉ đạo)\nBan Chỉ đạo Cuộc vận động huyện Kon Rẫy\nThư điện tử: bandanvan@konray.gov.example\n');
      expect(html).toContain(
        '<div style="font-weight: bold">Ban Dân vận Huyện ủy (Thường trực Ban Chỉ đạo)</div> <div>Ban Chỉ đạo Cuộc vận động huyện Kon Rẫy</div> <div>Thư điện tử: <a href="mailto:bandanvan@konray.gov.example">bandanvan@konray.gov.example</a></div>',
      );
    });

    it('should say when the figures were taken, in the committee time zone', () => {
      const { text, html } = render(model({ now: new Date('2024-06-20T01:00:00Z') }));
      expect(text).toContain('theo tình hình lúc 08:00 ngày 20/6/2024.');
      expect(html).toContain('theo tình hình lúc 08:00 ngày 20/6/2024.');
    });
  });

  describe('report', () => {
    it.each([
      ['missing', 'chưa gửi'],
      ['draft', 'đang soạn (bản nháp)'],
      ['returned', 'bị trả lại để chỉnh sửa'],
    ] as const)('should give the deadline and the status in Vietnamese when the report is %s', (status, label) => {
      const { text, html } = render(model({ report: { dueAt: REPORT_DUE, status } }));
      expect(text).toContain(`BÁO CÁO QUÝ II/2024\n- Hạn gửi: 17:00 ngày 25/6/2024\n- Tình trạng: ${label}\n`);
      expect(html).toContain('Hạn gửi: <strong>17:00 ngày 25/6/2024</strong>');
      expect(html).toMatch(new RegExp(`Tình trạng: <strong style="[^"]*">${label.replace(/[()]/g, '\\$&')}</strong>`));
    });

    it('should quote the return comment when the report was returned', () => {
      const reviewComment = 'Bổ sung số liệu chỉ tiêu\nvà ký, đóng dấu.';
      const { text, html } = renderDigest(model({ report: { dueAt: REPORT_DUE, status: 'returned', reviewComment } }));
      expect(text).toContain(`- Ý kiến của Thường trực khi trả lại: “${reviewComment}”\n`);
      // The line break must survive: the comment's box keeps it with white-space: pre-line.
      expect(html).toContain(`white-space: pre-line">${reviewComment}</div>`);
    });

    it('should have no comment line when the comment is missing or blank', () => {
      for (const reviewComment of [undefined, null, ' \n ']) {
        const { text, html } = render(model({ report: { dueAt: REPORT_DUE, status: 'returned', reviewComment } }));
        expect(text).not.toContain('Ý kiến');
        expect(html).not.toContain('Ý kiến');
      }
    });

    it('should have no report section when the report is not pending', () => {
      const { text, html } = render(model({ report: null, tasks: [TASK_LATE] }));
      expect(text).not.toContain('BÁO CÁO QUÝ');
      expect(text).not.toContain('Hạn gửi');
      expect(html).not.toContain('Hạn gửi');
    });
  });

  describe('tasks', () => {
    it('should list every task with its deadline, state and role, earliest deadline first', () => {
      const { text, html } = render(model({ anchorDueAt: TASK_EARLY.dueAt, workingDaysLeft: 1, tasks: [TASK_LATE, TASK_EARLY] }));
      expect(text).toContain(
        [
          'NHIỆM VỤ CHƯA HOÀN THÀNH (2)',
          `1. ${TASK_EARLY.title}`,
          '   - Hạn: 17:00 ngày 20/6/2024',
          '   - Trạng thái: Quá hạn',
          '   - Vai trò của đơn vị: phối hợp',
          `2. ${TASK_LATE.title}`,
          '   - Hạn: 17:00 ngày 25/6/2024',
          '   - Trạng thái: Đang thực hiện – trong hạn',
          '   - Vai trò của đơn vị: chủ trì',
        ].join('\n'),
      );
      expect(html).toContain('Nhiệm vụ chưa hoàn thành (2)');
      expect(html.indexOf(`1. ${TASK_EARLY.title}`)).toBeGreaterThan(-1);
      expect(html.indexOf(`2. ${TASK_LATE.title}`)).toBeGreaterThan(html.indexOf(`1. ${TASK_EARLY.title}`));
      expect(html).toContain('<div>Hạn: 17:00 ngày 20/6/2024</div>');
      expect(html).toContain('<div>Hạn: 17:00 ngày 25/6/2024</div>');
      expect(html).toContain('>Quá hạn</strong>');
      expect(html).toContain('>Đang thực hiện – trong hạn</span>');
      expect(html).toContain('Vai trò của đơn vị: phối hợp');
      expect(html).toContain('Vai trò của đơn vị: chủ trì');
    });

    it('should keep the given order when tasks share a deadline', () => {
      const tasks = [
        { ...TASK_LATE, title: 'Nhiệm vụ B' },
        { ...TASK_LATE, title: 'Nhiệm vụ A' },
      ];
      const { text } = render(model({ tasks }));
      expect(text).toContain('1. Nhiệm vụ B');
      expect(text).toContain('2. Nhiệm vụ A');
    });

    it('should have no task section when no task is pending', () => {
      const { text, html } = render(model({ tasks: [] }));
      expect(text).not.toContain('NHIỆM VỤ');
      expect(html).not.toContain('Nhiệm vụ chưa hoàn thành');
    });
  });

  describe('portal link', () => {
    it('should show the link as a button and as text when the portal URL is set', () => {
      const { text, html } = render(model());
      expect(text).toContain(`Cập nhật và gửi báo cáo tại đường dẫn riêng của đơn vị:\n${PORTAL}\n`);
      const escaped = PORTAL.replace(/&/g, '&amp;');
      expect(html).toMatch(new RegExp(`<a href="${escaped.replace(/[?.]/g, '\\$&')}" style="[^"]*">Cập nhật và gửi báo cáo</a>`));
      expect(html).toContain(`<span style="word-break: break-all">${escaped}</span>`);
      expect(text).not.toContain('trả lời thư này');
    });

    it('should ask for a reply to the secretariat and show no link when there is no portal URL', () => {
      const { text, html } = render(model({ portalUrl: null }));
      for (const output of [text, html]) {
        expect(output).not.toContain('Cập nhật và gửi báo cáo');
        expect(output).not.toContain('giaoban.example');
        expect(output).toContain('Đơn vị vui lòng gửi báo cáo bằng cách trả lời thư này hoặc gửi về địa chỉ ');
      }
      expect(html).not.toMatch(/href="http/);
    });

    it('should refuse a portal URL that is not http or https', () => {
      for (const portalUrl of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'portal/abc', '']) {
        expect(() => renderDigest(model({ portalUrl }))).toThrow(RangeError);
      }
    });
  });

  describe('HTML', () => {
    it('should be a Vietnamese UTF-8 document titled with the subject', () => {
      const { subject, html } = render(model());
      expect(html).toMatch(/^<!doctype html> <html lang="vi"> <head> <meta charset="utf-8" \/> <meta name="viewport" content="width=device-width, initial-scale=1" \/> <title>/);
      expect(html).toContain(`<title>${subject}</title>`);
      expect(html.endsWith('</html> ')).toBe(true);
    });

    it('should escape markup and quotes in the unit name, task titles and the return comment', () => {
      const digest = render(
        model({
          kind: 'escalation',
          workingDaysLeft: -2,
          unit: { code: 'X', name: `<script>alert("x")</script> Xã 'Đăk' & Co` },
          report: { dueAt: REPORT_DUE, status: 'returned', reviewComment: '<img src=x onerror="alert(1)">' },
          tasks: [{ ...TASK_LATE, title: 'Nhiệm vụ "A" <b>gấp</b>' }],
        }),
      );
      expect(digest.html).not.toMatch(/<script|<img|<b>/);
      expect(digest.html).toContain('Thủ trưởng <strong>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Xã &#39;Đăk&#39; &amp; Co</strong>,');
      expect(digest.html).toContain('<title>[Quá hạn – báo cáo Thủ trưởng] &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Xã &#39;Đăk&#39; &amp; Co:');
      expect(digest.html).toContain('1. Nhiệm vụ &quot;A&quot; &lt;b&gt;gấp&lt;/b&gt;</div>');
      expect(digest.html).toContain('pre-line">&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</div>');
      expect(digest.text).toContain(`Kính gửi: Thủ trưởng <script>alert("x")</script> Xã 'Đăk' & Co,`);
      expect(digest.text).toContain('1. Nhiệm vụ "A" <b>gấp</b>');
      expect(digest.subject).toContain(`<script>alert("x")</script> Xã 'Đăk' & Co:`);
    });
  });

  describe('model checks', () => {
    it('should throw when neither the report nor a task is pending', () => {
      expect(() => renderDigest(model({ report: null, tasks: [] }))).toThrow(new RangeError('A digest needs a pending report or at least one task'));
    });

    it('should throw when the working days are not a whole number', () => {
      expect(() => renderDigest(model({ workingDaysLeft: 1.5 }))).toThrow(RangeError);
      expect(() => renderDigest(model({ workingDaysLeft: Number.NaN }))).toThrow(RangeError);
    });

    it('should throw when a date is invalid', () => {
      expect(() => renderDigest(model({ anchorDueAt: new Date('nope') }))).toThrow(RangeError);
    });
  });

  describe('output', () => {
    it('should write letters precomposed (NFC) when names arrive decomposed', () => {
      const decomposed = 'Xã Đăk Ruồng'.normalize('NFD');
      const digest = render(model({ kind: 'escalation', workingDaysLeft: -2, unit: { code: 'X', name: decomposed } }));
      for (const output of [digest.subject, digest.text, digest.html]) {
        expect(output).toContain('Xã Đăk Ruồng');
        expect(output).toBe(output.normalize('NFC'));
      }
    });

    it('should render the same e-mail when given the same model twice', () => {
      expect(renderDigest(GOLDEN_MODEL)).toEqual(renderDigest(GOLDEN_MODEL));
    });

    it('should match the golden text when the model is the golden model', () => {
      const golden = readFileSync(join(__dirname, '__golden__', 'before-due.txt'), 'utf8');
      expect(renderDigest(GOLDEN_MODEL).text).toBe(golden);
    });

    it('should render every combination of kind, report, tasks and settings into complete e-mails', () => {
      const kinds = fc.constantFrom('before_due', 'due_today', 'overdue', 'escalation') as fc.Arbitrary<DigestModel['kind']>;
      const workingDays = fc.constantFrom(5, 1, 0, -1, -6);
      const optional = (text: string) => fc.option(fc.constant(text), { nil: null });
      const report = fc.option(
        fc.record({ dueAt: fc.constant(REPORT_DUE), status: fc.constantFrom('missing', 'draft', 'returned'), reviewComment: fc.option(fc.constant('Sửa số liệu'), { nil: null }) }),
        { nil: null },
      ) as fc.Arbitrary<DigestModel['report']>;
      const task = fc.record({
        title: fc.constantFrom('Rà soát mô hình', 'Hướng dẫn vay vốn', 'Điều chỉnh chỉ tiêu'),
        dueAt: fc.constantFrom(TASK_EARLY.dueAt, TASK_LATE.dueAt),
        state: fc.constantFrom('in_progress_on_time', 'overdue'),
        role: fc.constantFrom('lead', 'support'),
      }) as fc.Arbitrary<DigestModel['tasks'][number]>;
      const settings = fc.record({
        committeeName: optional('Ban Chỉ đạo huyện'),
        secretariatName: optional('Ban Dân vận'),
        secretariatEmail: optional('bdv@example.vn'),
        programName: optional('Cuộc vận động'),
        portalUrl: optional(PORTAL),
      });
      fc.assert(
        fc.property(kinds, workingDays, report, fc.array(task, { maxLength: 3 }), settings, (kind, workingDaysLeft, pendingReport, tasks, rest) => {
          fc.pre(pendingReport !== null || tasks.length > 0);
          const anchorDueAt = new Date(Math.min(...[pendingReport?.dueAt, ...tasks.map((t) => t.dueAt)].filter((d) => d !== undefined).map((d) => d.getTime())));
          const digest = render(model({ kind, workingDaysLeft, report: pendingReport, tasks, anchorDueAt, ...rest }));
          expect(digest.subject).toMatch(/^\[(Nhắc việc|Quá hạn|Quá hạn – báo cáo Thủ trưởng)\] \S.*\S$/);
          expect(digest.subject).not.toMatch(/\n/);
          expect(digest.text.endsWith('\n') && !digest.text.endsWith('\n\n')).toBe(true);
          expect(digest.text).not.toMatch(/\n\n\n/);
          for (const output of [digest.subject, digest.text, digest.html]) expect(output).not.toMatch(/null|undefined|NaN|{{|}}/);
          for (const { title } of tasks) expect(digest.html).toContain(title);
          expect(digest.text.includes(PORTAL)).toBe(rest.portalUrl !== null);
          expect(digest.text.startsWith(kind === 'escalation' ? 'Kính gửi: Thủ trưởng Xã Đăk Ruồng,' : 'Kính gửi: Xã Đăk Ruồng,')).toBe(true);
          expect(digest.subject.startsWith('[Quá hạn')).toBe(workingDaysLeft < 0);
        }),
      );
    });
  });
});
