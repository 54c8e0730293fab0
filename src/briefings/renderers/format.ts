import { BriefingHeader, UnitRef } from '../model/briefing-model';
import { formatDateLongVi, formatDateTimeVi, formatNumberVi, quarterRoman } from '../../common/vietnamese';

// Labels and number formatting shared by the briefing renderers (DOCX, HTML, Markdown, XLSX):
// pure functions and constants, so every format words the pack the same way.

export const DASH = '—';

export const TITLES = {
  report: 'BÁO CÁO',
  agenda: 'CHƯƠNG TRÌNH HỘI NGHỊ',
  results: 'I. KẾT QUẢ THỰC HIỆN',
  indicators: '1. Kết quả thực hiện các chỉ tiêu',
  completeness: '2. Tình hình gửi báo cáo của các đơn vị',
  tasks: '3. Kết quả thực hiện nhiệm vụ',
  ranking: 'Xếp hạng các đơn vị theo tỷ lệ hoàn thành nhiệm vụ đúng hạn',
  unitSummaries: '4. Tóm tắt kết quả của các đơn vị',
  issues: 'II. KHÓ KHĂN, VƯỚNG MẮC VÀ ĐỀ XUẤT, KIẾN NGHỊ',
  difficulties: '1. Khó khăn, vướng mắc',
  proposals: '2. Đề xuất, kiến nghị',
  appendix: 'PHỤ LỤC: SỐ LIỆU CHỈ TIÊU THEO ĐƠN VỊ',
  attachments: 'PHỤ LỤC: TÀI LIỆU ĐÍNH KÈM BÁO CÁO CỦA CÁC ĐƠN VỊ',
} as const;

export const AGENDA_COLUMNS = ['Thời gian', 'Nội dung', 'Thực hiện'] as const;
export const INDICATOR_COLUMNS = ['STT', 'Chỉ tiêu', 'ĐVT', 'Quý này', 'Quý trước', 'Cùng kỳ năm trước', 'Lũy kế năm', 'Kế hoạch năm', 'Tỷ lệ đạt'] as const;
export const TASK_COLUMNS = ['STT', 'Nhiệm vụ', 'Hạn hoàn thành', 'Số đơn vị', 'Hoàn thành đúng hạn', 'Hoàn thành quá hạn', 'Đang thực hiện trong hạn', 'Quá hạn'] as const;
export const NEXT_TASK_COLUMNS = ['STT', 'Nhiệm vụ', 'Đơn vị thực hiện', 'Thời hạn'] as const;
export const ATTACHMENT_COLUMNS = ['STT', 'Đơn vị', 'Tệp đính kèm', 'Dung lượng'] as const;
// The download links of the attachments appendix need the secretariat's access to the service.
export const ATTACHMENTS_NOTE = 'Tên tệp là liên kết tải tệp về từ hệ thống Giao ban (dành cho Văn phòng Ban Chỉ đạo).';
export const RANKING_COLUMNS = ['Hạng', 'Đơn vị', 'Số nhiệm vụ', 'Hoàn thành đúng hạn', 'Quá hạn', 'Tỷ lệ đúng hạn'] as const;

export type SubmissionStatus = 'onTime' | 'late' | 'missing';

export const STATUS_LABELS: Record<SubmissionStatus, string> = { onTime: 'Đúng hạn', late: 'Muộn', missing: 'Chưa gửi' };

// 0.515 → "51,5%"; null (no target) → "—".
export function percentVi(ratio: number | null): string {
  return ratio === null ? DASH : `${formatNumberVi(ratio * 100, 1)}%`;
}

// 8145 → "8.145"; null (nothing reported) → "—".
export function valueVi(value: number | null): string {
  return value === null ? DASH : formatNumberVi(value);
}

export function kindLabel(kind: UnitRef['kind']): string {
  switch (kind) {
    case 'agency':
      return 'Cơ quan, đơn vị';
    case 'commune':
      return 'Xã';
    case 'township':
      return 'Thị trấn';
    case 'other':
      return 'Khác';
  }
}

// The model already words the assignees ("Tất cả đơn vị", "Các xã, thị trấn", names); this only
// guards against an empty label.
export function assigneesLabel(assignees: string): string {
  return assignees.trim() || DASH;
}

// "Kon Rẫy, ngày 01 tháng 7 năm 2024", or "Ngày 01 tháng 7 năm 2024" without a locality.
export function placeDateLine(header: BriefingHeader): string {
  const date = formatDateLongVi(new Date(header.documentDate), header.timeZone);
  return header.locality ? `${header.locality}, ${date}` : date.charAt(0).toUpperCase() + date.slice(1);
}

// "Kết quả thực hiện Cuộc vận động “…” Quý II/2024".
export function reportSubtitle(header: BriefingHeader): string {
  return `Kết quả thực hiện ${header.programName ?? 'nhiệm vụ'} ${header.periodLabel}`;
}

// "Thời gian: 08:00 ngày 03/7/2024. Địa điểm: Hội trường UBND xã Đăk Ruồng."
export function meetingLine(header: BriefingHeader): string {
  const time = `Thời gian: ${formatDateTimeVi(new Date(header.meetingAt), header.timeZone)}.`;
  return header.meetingPlace ? `${time} Địa điểm: ${header.meetingPlace}.` : time;
}

// The quarter after the briefing's, named as periods are ("Quý III/2024", "Quý I/2025"): section
// III keeps its title when the next period does not exist yet.
export function nextPeriodLabel({ year, quarter }: Pick<BriefingHeader, 'year' | 'quarter'>): string {
  return quarterRoman(quarter) === 'IV' ? `Quý I/${year + 1}` : `Quý ${quarterRoman(quarter + 1)}/${year}`;
}

export function nextQuarterTitle(periodLabel: string): string {
  return `III. NHIỆM VỤ ${periodLabel.toLocaleUpperCase('vi')}`;
}

export function upperVi(text: string): string {
  return text.toLocaleUpperCase('vi');
}

// Zip files (DOCX, XLSX) carry each entry's modification time, which the zip libraries take from
// the clock; stamping every entry with the document's date makes the same model give the same
// bytes. Patches the DOS time and date of each local header and central directory record.
export function stampZipEntries(zip: Buffer, instant: Date): Buffer {
  const out = Buffer.from(zip);
  const end = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('Not a zip file: no end of central directory');
  const entries = out.readUInt16LE(end + 10);
  const { time, date } = dosDateTime(instant);
  let record = out.readUInt32LE(end + 16);
  for (let i = 0; i < entries; i++) {
    if (out.readUInt32LE(record) !== 0x02014b50) throw new Error('Corrupt zip: bad central directory record');
    out.writeUInt16LE(time, record + 12);
    out.writeUInt16LE(date, record + 14);
    const local = out.readUInt32LE(record + 42);
    if (out.readUInt32LE(local) !== 0x04034b50) throw new Error('Corrupt zip: bad local header');
    out.writeUInt16LE(time, local + 10);
    out.writeUInt16LE(date, local + 12);
    record += 46 + out.readUInt16LE(record + 28) + out.readUInt16LE(record + 30) + out.readUInt16LE(record + 32);
  }
  return out;
}

// DOS times have no zone; UTC keeps them independent of the machine's.
function dosDateTime(instant: Date): { time: number; date: number } {
  const year = Math.min(Math.max(instant.getUTCFullYear(), 1980), 2107);
  return {
    time: (instant.getUTCHours() << 11) | (instant.getUTCMinutes() << 5) | (instant.getUTCSeconds() >> 1),
    date: ((year - 1980) << 9) | ((instant.getUTCMonth() + 1) << 5) | instant.getUTCDate(),
  };
}
