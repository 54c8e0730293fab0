import { formatDateTimeVi, quarterLabelVi } from '../common/vietnamese';
import { isLate } from './submission-rules';

// The e-mails a unit gets when the secretariat reviews its report: Vietnamese, text and HTML.

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
