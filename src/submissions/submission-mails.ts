import { formatDateTimeVi, formatNumberVi, quarterLabelVi } from '../common/vietnamese';
import { SettingsEntity } from '../settings/settings.entity';
import { isLate } from './submission-rules';
import { SubmissionRecord } from './submission.entity';

// The e-mails a unit gets about its report: the receipt when it submits, and the secretariat's
// review. Vietnamese, text and HTML.

export interface ReviewMailContext {
  unitName: string;
  year: number;
  quarter: number;
  reportDueAt: Date;
  submittedAt: Date | null;
  lastSubmittedAt: Date | null;
  now: Date;
  timeZone: string;
  secretariatName: string | null;
  committeeName: string | null;
}

// What the review and receipt e-mails say of the report and the committee, read off the stored
// report and the settings.
export function reviewMailContext(
  submission: Pick<SubmissionRecord, 'unitName' | 'periodYear' | 'periodQuarter' | 'reportDueAt' | 'submittedAt' | 'lastSubmittedAt'>,
  settings: Pick<SettingsEntity, 'timezone' | 'secretariatName' | 'committeeName'>,
  now: Date,
): ReviewMailContext {
  return {
    unitName: submission.unitName,
    year: submission.periodYear,
    quarter: submission.periodQuarter,
    reportDueAt: submission.reportDueAt,
    submittedAt: submission.submittedAt,
    lastSubmittedAt: submission.lastSubmittedAt,
    now,
    timeZone: settings.timezone,
    secretariatName: settings.secretariatName,
    committeeName: settings.committeeName,
  };
}

export interface MailContent {
  subject: string;
  textBody: string;
  htmlBody: string;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function signature(context: ReviewMailContext): string[] {
  return ['Trân trọng,', context.secretariatName ?? 'Thường trực Ban Chỉ đạo', ...(context.committeeName ? [context.committeeName] : [])];
}

// Paragraphs of plain text, and the same as HTML with line breaks kept.
function render(subject: string, paragraphs: string[][]): MailContent {
  return {
    subject,
    textBody: paragraphs.map((lines) => lines.join('\n')).join('\n\n'),
    htmlBody: paragraphs.map((lines) => `<p>${lines.map((line) => escapeHtml(line).replace(/\n/g, '<br>')).join('<br>')}</p>`).join('\n'),
  };
}

export function returnedMail(context: ReviewMailContext, comment: string): MailContent {
  const quarter = quarterLabelVi(context.quarter, context.year);
  const deadline = formatDateTimeVi(context.reportDueAt, context.timeZone);
  const request =
    context.now.getTime() <= context.reportDueAt.getTime()
      ? `Đề nghị đơn vị hoàn thiện và gửi lại báo cáo trước ${deadline}.`
      : `Hạn gửi báo cáo là ${deadline}; đề nghị đơn vị hoàn thiện và gửi lại báo cáo trong thời gian sớm nhất.`;
  return render(`[Giao ban] Báo cáo ${quarter} cần bổ sung, chỉnh sửa`, [
    [`Kính gửi: ${context.unitName}`],
    [`Thường trực Ban Chỉ đạo đã xem xét báo cáo ${quarter} của đơn vị và đề nghị bổ sung, chỉnh sửa như sau:`],
    [comment],
    [request],
    signature(context),
  ]);
}

export function acceptedMail(context: ReviewMailContext): MailContent {
  const quarter = quarterLabelVi(context.quarter, context.year);
  const sent = context.lastSubmittedAt ?? context.submittedAt;
  const timing = isLate(context.submittedAt, context.reportDueAt) ? `sau hạn ${formatDateTimeVi(context.reportDueAt, context.timeZone)}` : 'đúng hạn';
  const when = sent ? `, gửi lúc ${formatDateTimeVi(sent, context.timeZone)} (${timing})` : '';
  return render(`[Giao ban] Báo cáo ${quarter} đã được tiếp nhận`, [
    [`Kính gửi: ${context.unitName}`],
    [`Thường trực Ban Chỉ đạo đã tiếp nhận báo cáo ${quarter} của đơn vị${when}.`, 'Trân trọng cảm ơn sự phối hợp của đơn vị.'],
    signature(context),
  ]);
}

export interface ReceivedMailContext extends ReviewMailContext {
  // 1 for the first submission of the report, 2 for the next (after a return, or an edit sent again before review) ...
  submissionNumber: number;
  // Indicator values and task updates in the report as it was submitted.
  valueCount: number;
  taskCount: number;
  secretariatEmail: string | null;
}

function timingVi(context: ReceivedMailContext): string {
  const deadline = formatDateTimeVi(context.reportDueAt, context.timeZone);
  return isLate(context.submittedAt, context.reportDueAt) ? `sau hạn ${deadline}` : `đúng hạn (hạn gửi báo cáo: ${deadline})`;
}

// When this submission came in, and whether the report is on time: lateness is judged on the
// first submission, so a report sent again after a return says when it was first sent.
function receiptVi(context: ReceivedMailContext, quarter: string): string[] {
  const receivedAt = context.lastSubmittedAt ?? context.submittedAt ?? context.now;
  const received = `Hệ thống Giao ban đã nhận báo cáo ${quarter} của đơn vị lúc ${formatDateTimeVi(receivedAt, context.timeZone)}`;
  if (context.submissionNumber <= 1 || !context.submittedAt) return [`${received}, ${timingVi(context)}.`];
  return [
    `${received}.`,
    `Đây là lần gửi thứ ${context.submissionNumber} của báo cáo; báo cáo được gửi lần đầu lúc ${formatDateTimeVi(context.submittedAt, context.timeZone)}, ${timingVi(context)}.`,
  ];
}

function contactVi(context: ReceivedMailContext): string {
  const secretariat = context.secretariatName ?? 'Thường trực Ban Chỉ đạo';
  return context.secretariatEmail
    ? `Nếu có vướng mắc, đề nghị đơn vị liên hệ ${secretariat} qua thư điện tử ${context.secretariatEmail}.`
    : `Nếu có vướng mắc, đề nghị đơn vị liên hệ ${secretariat}.`;
}

// The receipt a unit gets each time its report is submitted.
export function receivedMail(context: ReceivedMailContext): MailContent {
  const quarter = quarterLabelVi(context.quarter, context.year);
  const resent = context.submissionNumber > 1 ? ` (lần gửi thứ ${context.submissionNumber})` : '';
  return render(`[Giao ban] Đã nhận báo cáo ${quarter} của ${context.unitName}${resent}`, [
    [`Kính gửi: ${context.unitName}`],
    receiptVi(context, quarter),
    ['Nội dung báo cáo đã nhận:', `- Số chỉ tiêu có số liệu: ${formatNumberVi(context.valueCount)}`, `- Số nhiệm vụ được cập nhật tiến độ: ${formatNumberVi(context.taskCount)}`],
    ['Thường trực Ban Chỉ đạo sẽ xem xét báo cáo. Nếu báo cáo cần bổ sung, chỉnh sửa, đơn vị sẽ nhận được thư điện tử nêu rõ nội dung cần hoàn thiện.', contactVi(context)],
    signature(context),
  ]);
}
