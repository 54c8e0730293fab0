import { formatNumberVi } from '../common/vietnamese';
import { SECTION_NAMES, SectionName } from '../submissions/submission.entity';
import { MAX_NOTE_LENGTH, MAX_SECTION_LENGTH, UpsertSubmissionDto } from '../submissions/submissions.dto';
import { REMOVE_FIELD } from './portal-attachments';
import { NumberProblem, parseVietnameseNumber } from './vietnamese-number';

// The unit's form as posted: field names, parsing and the Vietnamese messages shown next to each
// field. Pure: the portal service gives it the unit's indicators and assignments.

export const PORTAL_TASK_STATUSES = ['pending', 'in_progress', 'done'] as const;
export type PortalTaskStatus = (typeof PORTAL_TASK_STATUSES)[number];
export type PortalAction = 'draft' | 'submit';

export const CSRF_FIELD = '_csrf';
export const ACTION_FIELD = 'action';

export interface PostedField {
  name: string;
  value: string;
  // The value was longer than the multipart field size limit and was cut.
  truncated: boolean;
}

export interface FormTask {
  status: PortalTaskStatus | null;
  note: string;
}

// What the form shows: the stored report, or what was just posted when it has errors.
export interface FormValues {
  sections: Record<SectionName, string>;
  // By indicator id, as typed.
  values: Record<string, string>;
  // By assignment id.
  tasks: Record<string, FormTask>;
}

export interface FormErrors {
  // By field name (see the *FieldName functions); shown next to the field and in the summary.
  fields: Record<string, string>;
  // About the form as a whole; shown in the summary only.
  form: string[];
}

export interface FormContext {
  indicators: Array<{ id: string; code: string }>;
  assignments: Array<{ id: string; status: PortalTaskStatus; note: string | null }>;
}

export type ParsedForm = { ok: true; action: PortalAction; update: UpsertSubmissionDto } | { ok: false; values: FormValues; errors: FormErrors };

export const MESSAGES = {
  negative: 'Giá trị phải là số không âm',
  invalid: 'Giá trị phải là số không âm, viết bằng chữ số (ví dụ: 12; 8.145; 1,5)',
  ambiguous: 'Cách viết số chưa rõ: dùng dấu chấm để ngăn cách hàng nghìn (8.145) và dấu phẩy trước phần thập phân (1,5)',
  tooLarge: 'Giá trị quá lớn',
  tooManyDecimals: 'Chỉ ghi tối đa 6 chữ số sau dấu phẩy',
  status: 'Chọn một trong các tình trạng: Chưa thực hiện, Đang thực hiện, Đã hoàn thành',
  foreignTask: 'Biểu mẫu có nhiệm vụ không thuộc đơn vị này trong quý. Chưa có nội dung nào được lưu; vui lòng tải lại trang và nhập lại.',
  unknownField: 'Biểu mẫu gửi lên không đúng với biểu mẫu của đơn vị. Chưa có nội dung nào được lưu; vui lòng tải lại trang và nhập lại.',
  action: 'Hãy bấm nút "Lưu nháp" hoặc "Gửi báo cáo".',
} as const;

const NUMBER_MESSAGES: Record<NumberProblem, string> = {
  negative: MESSAGES.negative,
  invalid: MESSAGES.invalid,
  ambiguous: MESSAGES.ambiguous,
  too_large: MESSAGES.tooLarge,
  too_many_decimals: MESSAGES.tooManyDecimals,
};

export function sectionFieldName(section: SectionName): string {
  return section;
}

export function valueFieldName(indicatorId: string): string {
  return `value-${indicatorId}`;
}

export function taskStatusFieldName(assignmentId: string): string {
  return `task-${assignmentId}-status`;
}

export function taskNoteFieldName(assignmentId: string): string {
  return `task-${assignmentId}-note`;
}

export function tooLongMessage(max: number, length: number): string {
  return `Tối đa ${formatNumberVi(max)} ký tự (hiện có ${formatNumberVi(length)})`;
}

const TASK_FIELD = /^task-([0-9a-f-]{36})-(status|note)$/i;
const VALUE_FIELD = /^value-([0-9a-f-]{36})$/i;

// The form filled with a stored report (values formatted the Vietnamese way).
export function storedFormValues(sections: Partial<Record<SectionName, string | null>>, valuesByCode: Record<string, number>, context: FormContext): FormValues {
  const values: Record<string, string> = {};
  for (const indicator of context.indicators) {
    const value = valuesByCode[indicator.code];
    if (value !== undefined) values[indicator.id] = formatNumberVi(value, 6);
  }
  return {
    sections: Object.fromEntries(SECTION_NAMES.map((name) => [name, sections[name] ?? ''])) as Record<SectionName, string>,
    values,
    tasks: Object.fromEntries(context.assignments.map((assignment) => [assignment.id, { status: assignment.status, note: assignment.note ?? '' }])),
  };
}

interface Collected {
  action: string | undefined;
  fields: Map<string, PostedField>;
  form: Set<string>;
}

// Every field once; a repeated or unknown field makes the whole form invalid.
function collect(posted: PostedField[], context: FormContext): Collected {
  const indicatorIds = new Set(context.indicators.map((indicator) => indicator.id));
  const assignmentIds = new Set(context.assignments.map((assignment) => assignment.id));
  const known = new Set<string>([...SECTION_NAMES, ACTION_FIELD, REMOVE_FIELD]);
  const collected: Collected = { action: undefined, fields: new Map(), form: new Set() };
  for (const field of posted) {
    if (field.name === CSRF_FIELD) continue;
    const name = field.name.toLowerCase();
    const task = TASK_FIELD.exec(name);
    const value = VALUE_FIELD.exec(name);
    if (task && !assignmentIds.has(task[1])) collected.form.add(MESSAGES.foreignTask);
    else if (!task && !(value && indicatorIds.has(value[1])) && !known.has(name)) collected.form.add(MESSAGES.unknownField);
    else if (collected.fields.has(name)) collected.form.add(MESSAGES.unknownField);
    else collected.fields.set(name, { ...field, name });
  }
  collected.action = collected.fields.get(ACTION_FIELD)?.value;
  return collected;
}

function text(collected: Collected, name: string): string {
  return (collected.fields.get(name)?.value ?? '').replace(/\r\n?/g, '\n');
}

function checkLength(collected: Collected, name: string, max: number, errors: FormErrors): void {
  const field = collected.fields.get(name);
  if (!field) return;
  const length = [...field.value].length;
  if (field.truncated || length > max) errors.fields[name] = tooLongMessage(max, field.truncated ? Math.max(length, max + 1) : length);
}

function parseValues(collected: Collected, context: FormContext, errors: FormErrors): Record<string, number> {
  const values: Record<string, number> = {};
  for (const indicator of context.indicators) {
    const name = valueFieldName(indicator.id);
    const raw = text(collected, name).trim();
    if (raw === '') continue;
    const parsed = parseVietnameseNumber(raw);
    if (parsed.ok) values[indicator.code] = parsed.value;
    else errors.fields[name] = NUMBER_MESSAGES[parsed.problem];
  }
  return values;
}

function parseTasks(collected: Collected, context: FormContext, errors: FormErrors): NonNullable<UpsertSubmissionDto['taskUpdates']> {
  const updates: NonNullable<UpsertSubmissionDto['taskUpdates']> = [];
  for (const assignment of context.assignments) {
    const statusName = taskStatusFieldName(assignment.id);
    const noteName = taskNoteFieldName(assignment.id);
    const status = collected.fields.get(statusName)?.value;
    const hasNote = collected.fields.has(noteName);
    checkLength(collected, noteName, MAX_NOTE_LENGTH, errors);
    if (status === undefined && !hasNote) continue;
    if (!PORTAL_TASK_STATUSES.includes(status as PortalTaskStatus)) {
      errors.fields[statusName] = MESSAGES.status;
      continue;
    }
    updates.push({ assignmentId: assignment.id, status: status as PortalTaskStatus, ...(hasNote ? { note: text(collected, noteName).trim() || null } : {}) });
  }
  return updates;
}

// The posted values, to show again next to their errors.
function postedValues(collected: Collected, context: FormContext): FormValues {
  const tasks: Record<string, FormTask> = {};
  for (const assignment of context.assignments) {
    const status = collected.fields.get(taskStatusFieldName(assignment.id))?.value;
    const known = PORTAL_TASK_STATUSES.includes(status as PortalTaskStatus) ? (status as PortalTaskStatus) : null;
    const note = collected.fields.get(taskNoteFieldName(assignment.id));
    tasks[assignment.id] = { status: status === undefined ? assignment.status : known, note: note ? text(collected, note.name) : (assignment.note ?? '') };
  }
  return {
    sections: Object.fromEntries(SECTION_NAMES.map((name) => [name, text(collected, sectionFieldName(name))])) as Record<SectionName, string>,
    values: Object.fromEntries(context.indicators.map((indicator) => [indicator.id, text(collected, valueFieldName(indicator.id))])),
    tasks,
  };
}

// What was posted, to show again on the form.
export function postedFormValues(posted: PostedField[], context: FormContext): FormValues {
  return postedValues(collect(posted, context), context);
}

// Reads the posted form against the unit's own indicators and assignments. Nothing of another
// unit can be named: an assignment or indicator id that is not in the context fails the whole form.
export function parsePortalForm(posted: PostedField[], context: FormContext): ParsedForm {
  const collected = collect(posted, context);
  const errors: FormErrors = { fields: {}, form: [...collected.form] };
  const action = collected.action === 'draft' || collected.action === 'submit' ? collected.action : undefined;
  if (!action) errors.form.push(MESSAGES.action);
  for (const name of SECTION_NAMES) checkLength(collected, sectionFieldName(name), MAX_SECTION_LENGTH, errors);
  const values = parseValues(collected, context, errors);
  const taskUpdates = parseTasks(collected, context, errors);
  if (!action || errors.form.length > 0 || Object.keys(errors.fields).length > 0) return { ok: false, values: postedValues(collected, context), errors };
  const sections = Object.fromEntries(SECTION_NAMES.map((name) => [name, text(collected, sectionFieldName(name)).trim() || null]));
  return { ok: true, action, update: { sections, values, taskUpdates, submit: action === 'submit' } };
}
