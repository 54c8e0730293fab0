import { storedFormValues, taskNoteFieldName, taskStatusFieldName, valueFieldName } from './portal-form';
import { csrfFailedPage, notFoundPage, tooManyRequestsPage } from './portal-layout';
import { deadlineText, renderPortalPage } from './portal-page';
import { PageState, PortalSubmissionView, PortalView } from './portal-view';

const TASK = '33333333-3333-4333-8333-333333333333';
const BUOI = '11111111-1111-4111-8111-111111111111';

function view(overrides: Partial<PortalView> = {}): PortalView {
  return {
    committeeName: 'Ban Chỉ đạo huyện Kon Rẫy',
    unitName: 'Xã Đăk Ruồng',
    year: 2024,
    quarter: 2,
    reportDueAt: new Date('2024-06-25T17:00:00+07:00'),
    now: new Date('2024-06-20T09:00:00+07:00'),
    timeZone: 'Asia/Ho_Chi_Minh',
    workingDaysLeft: 3,
    previousPeriod: { year: 2024, quarter: 1 },
    tasks: [{ id: TASK, title: 'Tuyên truyền <"Ngày hội"> & mít tinh', role: 'lead', dueAt: new Date('2024-06-20T17:00:00+07:00'), status: 'in_progress', note: null }],
    indicators: [{ id: BUOI, code: 'TT_BUOI', name: 'Buổi tuyên truyền', measure: 'buổi', previousValue: 8145 }],
    submission: null,
    attachments: [],
    ...overrides,
  };
}

function submission(overrides: Partial<PortalSubmissionView> = {}): PortalSubmissionView {
  return {
    status: 'draft',
    sections: { results: 'Kết quả <b>đậm</b>' },
    values: { TT_BUOI: 12 },
    submittedAt: null,
    lastSubmittedAt: null,
    late: false,
    reviewComment: null,
    reviewedAt: null,
    ...overrides,
  };
}

function state(forView: PortalView, overrides: Partial<PageState> = {}): PageState {
  const context = { indicators: forView.indicators, assignments: forView.tasks };
  return {
    token: 'tok_EN',
    csrfToken: 'c'.repeat(43),
    flash: null,
    form: storedFormValues(forView.submission?.sections ?? {}, forView.submission?.values ?? {}, context),
    errors: null,
    ...overrides,
  };
}

function render(forView: PortalView, overrides: Partial<PageState> = {}): string {
  return renderPortalPage(forView, state(forView, overrides));
}

describe(renderPortalPage.name, () => {
  it('should render a Vietnamese page for a phone with the form posting multipart data to itself when there is no report yet', () => {
    const html = render(view());
    expect(html).toMatch(/^<!doctype html>\n<html lang="vi">/);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('<title>Báo cáo quý II/2024 — Xã Đăk Ruồng</title>');
    expect(html).toContain('<form method="post" action="tok_EN" enctype="multipart/form-data">\n<input type="hidden" name="_csrf" value="' + 'c'.repeat(43) + '">');
    expect(html).toContain('<strong>17:00 ngày 25/6/2024</strong>');
    expect(html).toContain('Còn 3 ngày làm việc.');
    expect(html).toContain('Báo cáo quý I/2024: 8.145 buổi');
    expect(html).toContain('<button type="submit" name="action" value="draft">Lưu nháp</button>');
    expect(html).toContain('<button type="submit" name="action" value="submit" class="primary" aria-describedby="submit-hint">Gửi báo cáo</button>');
    expect(html).not.toContain('<script');
  });

  it('should escape every text that comes from the data when rendering', () => {
    const html = render(
      view({ unitName: 'Xã <img src=x>', committeeName: '"BCĐ" & co', submission: submission({ status: 'returned', reviewComment: '</p><script>alert(1)</script>' }) }),
    );
    expect(html).toContain('Xã &lt;img src=x&gt;');
    expect(html).toContain('&quot;BCĐ&quot; &amp; co');
    expect(html).toContain('Tuyên truyền &lt;&quot;Ngày hội&quot;&gt; &amp; mít tinh');
    expect(html).toContain('&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Kết quả &lt;b&gt;đậm&lt;/b&gt;</textarea>');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
  });

  it('should label every input and describe it by its hints when the form is shown', () => {
    const html = render(view());
    const ids = [...html.matchAll(/<(?:input|textarea)(?![^>]*type="hidden")[^>]*\sid="([^"]+)"/g)].map((match) => match[1]);
    expect(ids).toEqual([
      `${taskStatusFieldName(TASK)}-pending`,
      `${taskStatusFieldName(TASK)}-in_progress`,
      `${taskStatusFieldName(TASK)}-done`,
      taskNoteFieldName(TASK),
      valueFieldName(BUOI),
      'section-results',
      'section-difficulties',
      'section-proposals',
      'files',
    ]);
    for (const id of ids) expect(html.match(new RegExp(`<label for="${id}">`, 'g'))).toHaveLength(1);
    expect(html).toContain(`name="${taskStatusFieldName(TASK)}" value="in_progress" checked`);
    expect(html).toContain(`aria-describedby="${valueFieldName(BUOI)}-hint values-hint"`);
    expect(html).toContain('aria-describedby="section-results-hint"');
    expect(html).toContain('<input type="file" id="files" name="files" accept=".pdf,.docx,.xlsx,.jpg,.jpeg,.png" multiple aria-describedby="files-hint">');
    expect((html.match(/<fieldset/g) ?? []).length).toBe((html.match(/<legend>/g) ?? []).length);
  });

  it('should put an error summary on top linking to each wrong field and mark the field when there are errors', () => {
    const forView = view();
    const html = render(forView, {
      errors: { form: ['Biểu mẫu có lỗi chung'], fields: { [valueFieldName(BUOI)]: 'Giá trị phải là số không âm', [taskStatusFieldName(TASK)]: 'Chọn tình trạng' } },
    });
    const summary = html.slice(html.indexOf('<div class="error-summary"'), html.indexOf('</div>', html.indexOf('<div class="error-summary"')));
    expect(summary).toContain('role="alert"');
    expect(summary).toContain('Chưa lưu được báo cáo: có 3 lỗi cần sửa');
    expect(summary).toContain('<li>Biểu mẫu có lỗi chung</li>');
    expect(summary.indexOf(`href="#${taskStatusFieldName(TASK)}-pending"`)).toBeLessThan(summary.indexOf(`href="#${valueFieldName(BUOI)}"`));
    expect(summary).toContain(`<a href="#${valueFieldName(BUOI)}">Buổi tuyên truyền: Giá trị phải là số không âm</a>`);
    expect(html.indexOf('error-summary')).toBeLessThan(html.indexOf('<form'));
    expect(html).toContain(`aria-describedby="${valueFieldName(BUOI)}-hint values-hint ${valueFieldName(BUOI)}-error" aria-invalid="true"`);
    expect(html).toContain(`<p class="field-error" id="${valueFieldName(BUOI)}-error"><span class="visually-hidden">Lỗi: </span>Giá trị phải là số không âm</p>`);
    expect(html).toContain(`aria-describedby="${taskStatusFieldName(TASK)}-error" aria-invalid="true"`);
  });

  it('should show the report read-only with the time it was received when it is submitted', () => {
    const html = render(
      view({ submission: submission({ status: 'submitted', submittedAt: new Date('2024-06-24T16:20:00+07:00'), lastSubmittedAt: new Date('2024-06-24T16:20:00+07:00') }) }),
      { flash: 'submitted' },
    );
    expect(html).not.toContain('<form');
    expect(html).not.toContain('<input');
    expect(html).toContain('<div class="notice success" role="status"><p>Đã gửi báo cáo. Cảm ơn đơn vị.</p></div>');
    expect(html).toContain('Thường trực Ban Chỉ đạo đã nhận báo cáo lúc <strong>16:20 ngày 24/6/2024</strong> (đúng hạn).');
    expect(html).toContain('<td class="number">12 buổi</td>');
    expect(html).toContain('<dt>Khó khăn, vướng mắc</dt>\n<dd>(không có)</dd>');
    expect(html).not.toContain('Còn 3 ngày làm việc.');
  });

  it('should show the report read-only as accepted, late when it was', () => {
    const html = render(
      view({
        submission: submission({ status: 'accepted', late: true, lastSubmittedAt: new Date('2024-06-26T08:00:00+07:00'), reviewedAt: new Date('2024-06-27T10:00:00+07:00') }),
      }),
    );
    expect(html).not.toContain('<form');
    expect(html).toContain('Báo cáo đã được tiếp nhận');
    expect(html).toContain('Báo cáo gửi lúc 08:00 ngày 26/6/2024 (sau hạn) đã được Thường trực Ban Chỉ đạo tiếp nhận lúc 10:00 ngày 27/6/2024.');
  });

  it('should show the return comment and the form when the report was returned', () => {
    const html = render(view({ submission: submission({ status: 'returned', reviewComment: 'Bổ sung số liệu\nquý II', reviewedAt: new Date('2024-06-26T08:00:00+07:00') }) }));
    expect(html).toContain('Báo cáo được trả lại để bổ sung, chỉnh sửa');
    expect(html).toContain('Ý kiến của Thường trực Ban Chỉ đạo (08:00 ngày 26/6/2024):');
    expect(html).toContain('<p class="comment">Bổ sung số liệu\nquý II</p>');
    expect(html).toContain('<form method="post"');
    expect(html).toContain(`value="12"`);
  });

  describe('attachments', () => {
    const files = [
      { id: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', filename: 'Báo cáo <quý II>.pdf', size: 1_234_567 },
      { id: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', filename: 'Ảnh hội nghị.png', size: 356_000 },
    ];

    it('should list the files with their Vietnamese sizes, a remove button each, and the file input with its hint when the form is shown', () => {
      const html = render(view({ attachments: files }));
      expect(html).toContain('<h2>4. Tài liệu đính kèm</h2>');
      expect(html).toContain('Tệp đã đính kèm (2/5)');
      expect(html).toContain('<span class="file-name">Báo cáo &lt;quý II&gt;.pdf</span> <span class="file-size">1,2 MB</span>');
      expect(html).toContain('<span class="file-name">Ảnh hội nghị.png</span> <span class="file-size">348 KB</span>');
      expect(html).toContain(`<button type="submit" name="remove" value="${files[0].id}" class="remove" aria-label="Xóa tệp Báo cáo &lt;quý II&gt;.pdf">Xóa</button>`);
      expect(html).toContain('<p class="hint" id="files-hint">Tối đa 5 tệp PDF, Word, Excel, JPG, PNG; mỗi tệp không quá 10 MB</p>');
      expect(html.indexOf('Tài liệu đính kèm')).toBeLessThan(html.indexOf('<div class="actions">'));
    });

    it('should make a hidden "Lưu nháp" the first submit button so that Enter in a field never removes a file', () => {
      const html = render(view({ attachments: files }));
      const first = /<button [^>]*>[^<]*<\/button>/.exec(html.slice(html.indexOf('<form')));
      expect(first?.[0]).toBe('<button type="submit" name="action" value="draft" class="visually-hidden" tabindex="-1" aria-hidden="true">Lưu nháp</button>');
    });

    it('should show the file error inline, in the summary and the note about files not kept when the post had errors', () => {
      const forView = view();
      const html = render(forView, { errors: { form: [], fields: { files: 'Tệp “a.pdf” lớn hơn 10 MB.' } }, filesNote: 'Các tệp vừa chọn chưa được tải lên.' });
      expect(html).toContain('<a href="#files">Tài liệu đính kèm: Tệp “a.pdf” lớn hơn 10 MB.</a>');
      expect(html).toContain('<p class="field-error" id="files-error"><span class="visually-hidden">Lỗi: </span>Tệp “a.pdf” lớn hơn 10 MB.</p>');
      expect(html).toContain('<p class="field-note" id="files-note">Các tệp vừa chọn chưa được tải lên.</p>');
      expect(html).toContain('multiple aria-describedby="files-hint files-note files-error" aria-invalid="true">');
    });

    it('should offer no file input and say the report is full when it has 5 files', () => {
      const five = Array.from({ length: 5 }, (_, index) => ({ id: `cccccccc-cccc-4ccc-8ccc-00000000000${index}`, filename: `Tệp ${index}.pdf`, size: 900 }));
      const html = render(view({ attachments: five }));
      expect(html).not.toContain('type="file"');
      expect(html).toContain('Báo cáo đã có đủ 5 tệp đính kèm. Muốn thêm tệp khác, hãy xóa bớt một tệp.');
      expect(html).toContain('<span class="file-size">900 byte</span>');
      expect(html.match(/name="remove"/g)).toHaveLength(5);
    });

    it('should list the files without controls when the report is read-only', () => {
      const html = render(view({ attachments: files, submission: submission({ status: 'submitted', lastSubmittedAt: new Date('2024-06-24T16:20:00+07:00') }) }));
      expect(html).toContain('<h2 id="files-title">4. Tài liệu đính kèm</h2>');
      expect(html).toContain('<span class="file-name">Ảnh hội nghị.png</span>');
      expect(html).not.toContain('<button');
      expect(html).not.toContain('<input');
      expect(render(view({ submission: submission({ status: 'accepted' }) }))).toContain('<p>Không có tệp đính kèm.</p>');
    });

    it('should show the notice of a removal on top', () => {
      expect(render(view(), { notice: 'Đã xóa tệp “a.pdf”.' })).toContain('<div class="notice success" role="status"><p>Đã xóa tệp “a.pdf”.</p></div>');
    });
  });

  it('should mark an open task overdue and say so when its deadline has passed', () => {
    const html = render(view({ now: new Date('2024-06-21T09:00:00+07:00') }));
    expect(html).toContain('Chủ trì · Hạn 17:00 ngày 20/6/2024 <span class="badge overdue">Quá hạn</span>');
  });

  it('should say there are no tasks or indicators when there are none, and give no hint without a previous quarter', () => {
    const html = render(view({ tasks: [], indicators: [], previousPeriod: null }));
    expect(html).toContain('Đơn vị không có nhiệm vụ nào được giao trong quý này.');
    expect(html).toContain('Quý này không có chỉ tiêu cần báo cáo.');
    expect(html).not.toContain('Báo cáo quý I/2024');
  });
});

describe(deadlineText.name, () => {
  const due = new Date('2024-06-25T17:00:00+07:00');

  it('should count the working days left, say when today is the last day, and count the days overdue', () => {
    expect(deadlineText({ now: new Date('2024-06-20T09:00:00+07:00'), reportDueAt: due, workingDaysLeft: 3 })).toBe('Còn 3 ngày làm việc.');
    expect(deadlineText({ now: new Date('2024-06-25T16:00:00+07:00'), reportDueAt: due, workingDaysLeft: 0 })).toBe('Hôm nay là hạn cuối.');
    expect(deadlineText({ now: new Date('2024-06-25T17:00:01+07:00'), reportDueAt: due, workingDaysLeft: 0 })).toBe('Đã quá hạn.');
    expect(deadlineText({ now: new Date('2024-06-27T09:00:00+07:00'), reportDueAt: due, workingDaysLeft: -2 })).toBe('Đã quá hạn 2 ngày làm việc.');
  });
});

describe('message pages', () => {
  it('should name no unit on the 404 page and link the stylesheet from where the page is', () => {
    expect(notFoundPage()).toContain('<link rel="stylesheet" href="assets/portal.css">');
    expect(notFoundPage('portal/')).toContain('<link rel="stylesheet" href="portal/assets/portal.css">');
    expect(notFoundPage()).toContain('Đường liên kết không đúng, đã hết hạn hoặc đã được thay bằng đường liên kết mới.');
  });

  it('should say how long to wait in seconds or minutes on the 429 page', () => {
    expect(tooManyRequestsPage(30)).toContain('thử lại sau 30 giây');
    expect(tooManyRequestsPage(125)).toContain('thử lại sau 3 phút');
  });

  it('should offer to reload the form on the 403 page', () => {
    expect(csrfFailedPage()).toContain('<a href="">tải lại biểu mẫu</a>');
  });
});
