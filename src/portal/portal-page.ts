import { escapeHtml } from '../common/html';
import { formatDateTimeVi, formatNumberVi, quarterLabelVi } from '../common/vietnamese';
import { SECTION_NAMES, SectionName } from '../submissions/submission.entity';
import { MAX_NOTE_LENGTH, MAX_SECTION_LENGTH } from '../submissions/submissions.dto';
import { attachmentsFieldset, FILES_ANCHOR, readOnlyAttachments } from './portal-attachments-page';
import { describedBy, errorId, fieldError, invalidAttributes } from './portal-fields';
import { portalDocument } from './portal-layout';
import { FILES_FIELD } from './portal-attachments';
import { CSRF_FIELD, FormErrors, PORTAL_TASK_STATUSES, PortalTaskStatus, sectionFieldName, taskNoteFieldName, taskStatusFieldName, valueFieldName } from './portal-form';
import { Flash, isReadOnly, PageState, PortalIndicatorView, PortalTaskView, PortalView } from './portal-view';

// The unit's report page at /portal/<token>: the form while the report is with the unit (new,
// draft or returned), the report read-only once it is sent (until it is returned) or accepted.

export const STATUS_LABELS: Record<PortalTaskStatus, string> = { pending: 'Chưa thực hiện', in_progress: 'Đang thực hiện', done: 'Đã hoàn thành' };

export const SECTION_LABELS: Record<SectionName, { label: string; hint: string }> = {
  results: { label: 'Kết quả đạt được', hint: 'Những việc đơn vị đã làm trong quý, kết quả cụ thể.' },
  difficulties: { label: 'Khó khăn, vướng mắc', hint: 'Khó khăn, vướng mắc trong quá trình thực hiện và nguyên nhân.' },
  proposals: { label: 'Đề xuất, kiến nghị', hint: 'Đề xuất, kiến nghị với Ban Chỉ đạo.' },
};

const ROLE_LABELS = { lead: 'Chủ trì', support: 'Phối hợp' } as const;

const h = escapeHtml;

function statusId(assignmentId: string, status: PortalTaskStatus): string {
  return `${taskStatusFieldName(assignmentId)}-${status}`;
}

// Every field in page order, with the element the error summary links to and the words before the message.
function fieldsInOrder(view: PortalView): Array<{ name: string; anchor: string; label: string }> {
  return [
    ...view.tasks.flatMap((task) => [
      { name: taskStatusFieldName(task.id), anchor: statusId(task.id, 'pending'), label: `Nhiệm vụ "${task.title}"` },
      { name: taskNoteFieldName(task.id), anchor: taskNoteFieldName(task.id), label: `Ghi chú nhiệm vụ "${task.title}"` },
    ]),
    ...view.indicators.map((indicator) => ({ name: valueFieldName(indicator.id), anchor: valueFieldName(indicator.id), label: indicator.name })),
    ...SECTION_NAMES.map((section) => ({ name: sectionFieldName(section), anchor: sectionId(section), label: SECTION_LABELS[section].label })),
    { name: FILES_FIELD, anchor: FILES_ANCHOR, label: 'Tài liệu đính kèm' },
  ];
}

function sectionId(section: SectionName): string {
  return `section-${section}`;
}

export function errorSummary(view: PortalView, errors: FormErrors | null): string {
  if (!errors) return '';
  const items = [
    ...errors.form.map((message) => `<li>${h(message)}</li>`),
    ...fieldsInOrder(view)
      .filter((field) => errors.fields[field.name])
      .map((field) => `<li><a href="#${h(field.anchor)}">${h(field.label)}: ${h(errors.fields[field.name])}</a></li>`),
  ];
  if (items.length === 0) return '';
  return `<div class="error-summary" id="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus>
<h2 id="error-summary-title">Chưa lưu được báo cáo: có ${items.length} lỗi cần sửa</h2>
<ul>
${items.join('\n')}
</ul>
</div>`;
}

export function deadlineText(view: Pick<PortalView, 'now' | 'reportDueAt' | 'workingDaysLeft'>): string {
  if (view.now.getTime() > view.reportDueAt.getTime()) return view.workingDaysLeft < 0 ? `Đã quá hạn ${-view.workingDaysLeft} ngày làm việc.` : 'Đã quá hạn.';
  return view.workingDaysLeft > 0 ? `Còn ${view.workingDaysLeft} ngày làm việc.` : 'Hôm nay là hạn cuối.';
}

function deadlineCard(view: PortalView): string {
  const countdown = isReadOnly(view) ? '' : `\n<p>${h(deadlineText(view))}</p>`;
  return `<section class="card" aria-labelledby="deadline-title">
<h2 id="deadline-title">Hạn gửi báo cáo</h2>
<p><strong>${h(formatDateTimeVi(view.reportDueAt, view.timeZone))}</strong></p>${countdown}
</section>`;
}

const FLASH_TEXT: Record<Flash, string> = {
  draft: 'Đã lưu nháp. Báo cáo chưa được gửi; khi hoàn thành, bấm "Gửi báo cáo".',
  submitted: 'Đã gửi báo cáo. Cảm ơn đơn vị.',
};

function flashNotice(flash: Flash | null, notice: string | null | undefined): string {
  const text = flash ? FLASH_TEXT[flash] : notice;
  return text ? `<div class="notice success" role="status"><p>${h(text)}</p></div>` : '';
}

function statusNotice(view: PortalView): string {
  const submission = view.submission;
  const at = (instant: Date | null) => (instant ? formatDateTimeVi(instant, view.timeZone) : '');
  switch (submission?.status) {
    case undefined:
      return '';
    case 'draft':
      return `<div class="notice"><p>Báo cáo đang ở dạng nháp, chưa gửi Thường trực Ban Chỉ đạo.</p></div>`;
    case 'returned':
      return `<div class="notice warning">
<h2>Báo cáo được trả lại để bổ sung, chỉnh sửa</h2>
<p>Ý kiến của Thường trực Ban Chỉ đạo${submission.reviewedAt ? ` (${h(at(submission.reviewedAt))})` : ''}:</p>
<p class="comment">${h(submission.reviewComment ?? '')}</p>
<p>Đề nghị đơn vị chỉnh sửa rồi bấm "Gửi báo cáo" để gửi lại.</p>
</div>`;
    case 'submitted':
      return `<div class="notice success">
<h2>Đã gửi báo cáo</h2>
<p>Thường trực Ban Chỉ đạo đã nhận báo cáo lúc <strong>${h(at(submission.lastSubmittedAt))}</strong>${submission.late ? ' (sau hạn)' : ' (đúng hạn)'}.</p>
<p>Báo cáo đang chờ xem xét nên không sửa được. Nếu cần bổ sung, Thường trực Ban Chỉ đạo sẽ trả lại báo cáo kèm ý kiến; khi đó đơn vị sửa và gửi lại tại trang này.</p>
</div>`;
    case 'accepted':
      return `<div class="notice success">
<h2>Báo cáo đã được tiếp nhận</h2>
<p>Báo cáo gửi lúc ${h(at(submission.lastSubmittedAt))}${submission.late ? ' (sau hạn)' : ' (đúng hạn)'} đã được Thường trực Ban Chỉ đạo tiếp nhận${submission.reviewedAt ? ` lúc ${h(at(submission.reviewedAt))}` : ''}.</p>
</div>`;
  }
}

function taskMeta(task: PortalTaskView, view: PortalView): string {
  const overdue = task.status !== 'done' && view.now.getTime() > task.dueAt.getTime();
  return `${ROLE_LABELS[task.role]} · Hạn ${h(formatDateTimeVi(task.dueAt, view.timeZone))}${overdue ? ' <span class="badge overdue">Quá hạn</span>' : ''}`;
}

function taskFields(task: PortalTaskView, view: PortalView, state: PageState): string {
  const statusName = taskStatusFieldName(task.id);
  const noteName = taskNoteFieldName(task.id);
  const current = state.form.tasks[task.id] ?? { status: task.status, note: task.note ?? '' };
  const statusError = state.errors?.fields[statusName] ? errorId(statusName) : undefined;
  const noteError = state.errors?.fields[noteName] ? errorId(noteName) : undefined;
  const metaId = `task-${task.id}-meta`;
  const choices = PORTAL_TASK_STATUSES.map((status) => {
    const id = statusId(task.id, status);
    return `<div class="choice"><input type="radio" id="${h(id)}" name="${h(statusName)}" value="${status}"${current.status === status ? ' checked' : ''}${describedBy([statusError])}${invalidAttributes(statusName, state.errors)}><label for="${h(id)}">${STATUS_LABELS[status]}</label></div>`;
  }).join('\n');
  return `<fieldset class="task${statusError || noteError ? ' invalid' : ''}"${describedBy([metaId, statusError])}>
<legend>${h(task.title)}</legend>
<p class="meta" id="${h(metaId)}">${taskMeta(task, view)}</p>
${fieldError(statusName, state.errors)}<div class="choices">
${choices}
</div>
<label for="${h(noteName)}">Ghi chú</label>
${fieldError(noteName, state.errors)}<textarea class="note" id="${h(noteName)}" name="${h(noteName)}" rows="3" maxlength="${MAX_NOTE_LENGTH}"${describedBy([noteError])}${invalidAttributes(noteName, state.errors)}>${h(current.note)}</textarea>
</fieldset>`;
}

function tasksFieldset(view: PortalView, state: PageState): string {
  const body = view.tasks.length ? view.tasks.map((task) => taskFields(task, view, state)).join('\n') : '<p>Đơn vị không có nhiệm vụ nào được giao trong quý này.</p>';
  return `<fieldset class="card" aria-describedby="tasks-hint">
<legend><h2>1. Tiến độ thực hiện nhiệm vụ</h2></legend>
<p class="hint" id="tasks-hint">Chọn tình trạng của từng nhiệm vụ đơn vị chủ trì hoặc phối hợp; ghi chú thêm nếu cần.</p>
${body}
</fieldset>`;
}

function previousHint(indicator: PortalIndicatorView, view: PortalView): string | null {
  if (!view.previousPeriod) return null;
  const label = quarterLabelVi(view.previousPeriod.quarter, view.previousPeriod.year);
  const value = indicator.previousValue === null ? 'chưa có số liệu' : `${formatNumberVi(indicator.previousValue, 6)} ${indicator.measure}`;
  return `Báo cáo ${label}: ${value}`;
}

function indicatorField(indicator: PortalIndicatorView, view: PortalView, state: PageState): string {
  const name = valueFieldName(indicator.id);
  const hint = previousHint(indicator, view);
  const hintId = hint ? `${name}-hint` : undefined;
  const error = state.errors?.fields[name] ? errorId(name) : undefined;
  return `<div class="field${error ? ' invalid' : ''}">
<label for="${h(name)}">${h(indicator.name)} (${h(indicator.measure)})</label>
${hint ? `<p class="hint" id="${h(name)}-hint">${h(hint)}</p>\n` : ''}${fieldError(name, state.errors)}<input type="text" inputmode="decimal" autocomplete="off" id="${h(name)}" name="${h(name)}" value="${h(state.form.values[indicator.id] ?? '')}"${describedBy([hintId, 'values-hint', error])}${invalidAttributes(name, state.errors)}>
</div>`;
}

function indicatorsFieldset(view: PortalView, state: PageState): string {
  const body = view.indicators.length ? view.indicators.map((indicator) => indicatorField(indicator, view, state)).join('\n') : '<p>Quý này không có chỉ tiêu cần báo cáo.</p>';
  return `<fieldset class="card">
<legend><h2>2. Số liệu chỉ tiêu</h2></legend>
<p class="hint" id="values-hint">Ghi bằng chữ số: dấu chấm ngăn cách hàng nghìn (8.145), dấu phẩy trước phần thập phân (1,5). Để trống nếu không có số liệu.</p>
${body}
</fieldset>`;
}

function sectionField(section: SectionName, state: PageState): string {
  const name = sectionFieldName(section);
  const id = sectionId(section);
  const error = state.errors?.fields[name] ? errorId(name) : undefined;
  return `<div class="field${error ? ' invalid' : ''}">
<label for="${id}">${h(SECTION_LABELS[section].label)}</label>
<p class="hint" id="${id}-hint">${h(SECTION_LABELS[section].hint)}</p>
${fieldError(name, state.errors)}<textarea id="${id}" name="${h(name)}" rows="8" maxlength="${MAX_SECTION_LENGTH}"${describedBy([`${id}-hint`, error])}${invalidAttributes(name, state.errors)}>${h(state.form.sections[section])}</textarea>
</div>`;
}

function sectionsFieldset(state: PageState): string {
  return `<fieldset class="card">
<legend><h2>3. Nội dung báo cáo</h2></legend>
${SECTION_NAMES.map((section) => sectionField(section, state)).join('\n')}
</fieldset>`;
}

// Enter in a text field presses the form's first submit button: this one, so that it saves a
// draft rather than pressing the first file's "Xóa". Out of sight, out of the Tab order.
const DEFAULT_BUTTON = '<button type="submit" name="action" value="draft" class="visually-hidden" tabindex="-1" aria-hidden="true">Lưu nháp</button>';

function editableReport(view: PortalView, state: PageState): string {
  return `<form method="post" action="${h(state.token)}" enctype="multipart/form-data">
<input type="hidden" name="${CSRF_FIELD}" value="${h(state.csrfToken)}">
${DEFAULT_BUTTON}
${tasksFieldset(view, state)}
${indicatorsFieldset(view, state)}
${sectionsFieldset(state)}
${attachmentsFieldset(view, state)}
<div class="actions">
<button type="submit" name="action" value="draft">Lưu nháp</button>
<button type="submit" name="action" value="submit" class="primary" aria-describedby="submit-hint">Gửi báo cáo</button>
</div>
<p class="hint" id="submit-hint">Sau khi gửi, báo cáo không sửa được cho đến khi Thường trực Ban Chỉ đạo trả lại để bổ sung.</p>
</form>`;
}

function readOnlyTasks(view: PortalView): string {
  const items = view.tasks.map(
    (task) =>
      `<dt>${h(task.title)}</dt>\n<dd>${STATUS_LABELS[task.status]} <span class="meta">(${taskMeta(task, view)})</span>${task.note ? `\n<span class="comment">${h(task.note)}</span>` : ''}</dd>`,
  );
  return `<section class="card" aria-labelledby="tasks-title">
<h2 id="tasks-title">1. Tiến độ thực hiện nhiệm vụ</h2>
${items.length ? `<dl>\n${items.join('\n')}\n</dl>` : '<p>Đơn vị không có nhiệm vụ nào được giao trong quý này.</p>'}
</section>`;
}

function readOnlyValues(view: PortalView): string {
  const values = view.submission?.values ?? {};
  const rows = view.indicators.map((indicator) => {
    const value = values[indicator.code];
    return `<tr><th scope="row">${h(indicator.name)}</th><td class="number">${value === undefined ? '—' : `${h(formatNumberVi(value, 6))} ${h(indicator.measure)}`}</td></tr>`;
  });
  return `<section class="card" aria-labelledby="values-title">
<h2 id="values-title">2. Số liệu chỉ tiêu</h2>
${
  rows.length
    ? `<table class="values">\n<thead><tr><th scope="col">Chỉ tiêu</th><th scope="col">Số liệu</th></tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`
    : '<p>Quý này không có chỉ tiêu cần báo cáo.</p>'
}
</section>`;
}

function readOnlySections(view: PortalView): string {
  const sections = view.submission?.sections ?? {};
  const items = SECTION_NAMES.map((section) => `<dt>${h(SECTION_LABELS[section].label)}</dt>\n<dd>${sections[section] ? h(sections[section]) : '(không có)'}</dd>`);
  return `<section class="card" aria-labelledby="sections-title">
<h2 id="sections-title">3. Nội dung báo cáo</h2>
<dl>
${items.join('\n')}
</dl>
</section>`;
}

function readOnlyReport(view: PortalView): string {
  return [readOnlyTasks(view), readOnlyValues(view), readOnlySections(view), readOnlyAttachments(view)].join('\n');
}

export function pageTitle(view: Pick<PortalView, 'year' | 'quarter' | 'unitName'>): string {
  return `Báo cáo ${quarterLabelVi(view.quarter, view.year)} — ${view.unitName}`;
}

export function renderPortalPage(view: PortalView, state: PageState): string {
  const quarter = quarterLabelVi(view.quarter, view.year);
  const body = `<header class="masthead">
<div class="inner">
<p>${h(view.committeeName ?? 'Ban Chỉ đạo')}</p>
<h1>Báo cáo ${h(quarter)}</h1>
<p class="unit">${h(view.unitName)}</p>
</div>
</header>
<main class="page" id="main">
${errorSummary(view, state.errors)}
${flashNotice(state.flash, state.notice)}
${statusNotice(view)}
${deadlineCard(view)}
${isReadOnly(view) ? readOnlyReport(view) : editableReport(view, state)}
</main>
<footer>Trang báo cáo dành riêng cho đơn vị. Không chuyển tiếp đường liên kết này cho người ngoài đơn vị.</footer>`;
  return portalDocument({ title: pageTitle(view), body });
}
