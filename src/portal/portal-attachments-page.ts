import { MAX_ATTACHMENTS } from '../attachments/attachment-rejected';
import { fileSizeVi } from '../common/vietnamese';
import { escapeHtml } from '../common/html';
import { ACCEPTED_FILES, FILE_MESSAGES, FILES_FIELD, REMOVE_FIELD } from './portal-attachments';
import { describedBy, errorId, fieldError, invalidAttributes } from './portal-fields';
import { PageState, PortalAttachmentView, PortalView } from './portal-view';

// Part 4 of the unit's page, "Tài liệu đính kèm": the files already attached, each with a "Xóa"
// button posting the form (no script), and the file input; only the list once the report is
// read-only.

// Where the error summary takes the unit: the file input, or the note that says the report is full.
export const FILES_ANCHOR = FILES_FIELD;

const h = escapeHtml;

function fileItem(file: PortalAttachmentView, removable: boolean): string {
  const remove = removable ? `\n<button type="submit" name="${REMOVE_FIELD}" value="${h(file.id)}" class="remove" aria-label="Xóa tệp ${h(file.filename)}">Xóa</button>` : '';
  return `<li><span class="file"><span class="file-name">${h(file.filename)}</span> <span class="file-size">${h(fileSizeVi(file.size))}</span></span>${remove}</li>`;
}

function fileItems(view: PortalView, removable: boolean): string {
  return view.attachments.map((file) => fileItem(file, removable)).join('\n');
}

function fileList(view: PortalView): string {
  if (view.attachments.length === 0) return '<p>Chưa có tệp nào được đính kèm.</p>';
  return `<h3 id="files-list-title">Tệp đã đính kèm (${view.attachments.length}/${MAX_ATTACHMENTS})</h3>
<ul class="files" aria-labelledby="files-list-title">
${fileItems(view, true)}
</ul>`;
}

function fileInput(view: PortalView, state: PageState): string {
  const errors = state.errors;
  const error = errors?.fields[FILES_FIELD] ? errorId(FILES_FIELD) : undefined;
  const note = state.filesNote ? `<p class="field-note" id="files-note">${h(state.filesNote)}</p>\n` : '';
  if (view.attachments.length >= MAX_ATTACHMENTS) {
    return `<div class="field${error ? ' invalid' : ''}">
${fieldError(FILES_FIELD, errors)}${note}<p class="hint" id="${FILES_ANCHOR}" tabindex="-1">${h(FILE_MESSAGES.full)}</p>
</div>`;
  }
  return `<div class="field${error ? ' invalid' : ''}">
<label for="${FILES_FIELD}">Chọn tệp để đính kèm</label>
<p class="hint" id="files-hint">${h(FILE_MESSAGES.hint)}</p>
${fieldError(FILES_FIELD, errors)}${note}<input type="file" id="${FILES_FIELD}" name="${FILES_FIELD}" accept="${ACCEPTED_FILES}" multiple${describedBy(['files-hint', state.filesNote && 'files-note', error])}${invalidAttributes(FILES_FIELD, errors)}>
</div>`;
}

export function attachmentsFieldset(view: PortalView, state: PageState): string {
  return `<fieldset class="card">
<legend><h2>4. Tài liệu đính kèm</h2></legend>
${fileList(view)}
${fileInput(view, state)}
</fieldset>`;
}

export function readOnlyAttachments(view: PortalView): string {
  return `<section class="card" aria-labelledby="files-title">
<h2 id="files-title">4. Tài liệu đính kèm</h2>
${view.attachments.length ? `<ul class="files" aria-labelledby="files-title">\n${fileItems(view, false)}\n</ul>` : '<p>Không có tệp đính kèm.</p>'}
</section>`;
}
