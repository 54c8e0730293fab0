import { addDays, DayKind } from './working-days';

export interface HolidaySeed {
  date: string;
  name: string;
  kind: DayKind;
}

// Days off for civil servants (Labour Code 2019, art. 112: eleven paid days a year, and a day
// off on the next working day when a holiday falls on the weekly rest day), with the swaps the
// government announced each year. Weekend days inside an announced Tết range are listed too, so
// the range reads as announced. The calendar is editable: this is only the seed.
// Ngày Văn hóa Việt Nam (24/11) is not here: as of early 2026 it is Politburo policy awaiting an
// amendment of the Labour Code.
export const VIETNAM_HOLIDAYS: Record<number, HolidaySeed[]> = {
  2024: [
    { date: '2024-01-01', name: 'Tết Dương lịch', kind: 'holiday' },
    ...tet('Giáp Thìn', '2024-02-08', '2024-02-14'),
    { date: '2024-04-18', name: 'Giỗ Tổ Hùng Vương', kind: 'holiday' },
    { date: '2024-04-29', name: 'Nghỉ hoán đổi dịp 30/4 và 1/5', kind: 'holiday' },
    { date: '2024-04-30', name: 'Ngày Chiến thắng', kind: 'holiday' },
    { date: '2024-05-01', name: 'Ngày Quốc tế Lao động', kind: 'holiday' },
    { date: '2024-05-04', name: 'Làm bù ngày 29/4/2024', kind: 'workday' },
    { date: '2024-09-02', name: 'Quốc khánh', kind: 'holiday' },
    { date: '2024-09-03', name: 'Quốc khánh', kind: 'holiday' },
  ],
  2025: [
    { date: '2025-01-01', name: 'Tết Dương lịch', kind: 'holiday' },
    ...tet('Ất Tỵ', '2025-01-25', '2025-02-02'),
    { date: '2025-04-07', name: 'Giỗ Tổ Hùng Vương', kind: 'holiday' },
    { date: '2025-04-26', name: 'Làm bù ngày 02/5/2025', kind: 'workday' },
    { date: '2025-04-30', name: 'Ngày Chiến thắng', kind: 'holiday' },
    { date: '2025-05-01', name: 'Ngày Quốc tế Lao động', kind: 'holiday' },
    { date: '2025-05-02', name: 'Nghỉ hoán đổi dịp 30/4 và 1/5', kind: 'holiday' },
    { date: '2025-09-01', name: 'Quốc khánh', kind: 'holiday' },
    { date: '2025-09-02', name: 'Quốc khánh', kind: 'holiday' },
  ],
  2026: [
    { date: '2026-01-01', name: 'Tết Dương lịch', kind: 'holiday' },
    { date: '2026-01-02', name: 'Nghỉ hoán đổi dịp Tết Dương lịch', kind: 'holiday' },
    { date: '2026-01-10', name: 'Làm bù ngày 02/01/2026', kind: 'workday' },
    ...tet('Bính Ngọ', '2026-02-14', '2026-02-22'),
    { date: '2026-04-26', name: 'Giỗ Tổ Hùng Vương', kind: 'holiday' },
    { date: '2026-04-27', name: 'Nghỉ bù Giỗ Tổ Hùng Vương', kind: 'holiday' },
    { date: '2026-04-30', name: 'Ngày Chiến thắng', kind: 'holiday' },
    { date: '2026-05-01', name: 'Ngày Quốc tế Lao động', kind: 'holiday' },
    { date: '2026-08-22', name: 'Làm bù ngày 31/8/2026', kind: 'workday' },
    { date: '2026-08-31', name: 'Nghỉ hoán đổi dịp Quốc khánh', kind: 'holiday' },
    { date: '2026-09-01', name: 'Quốc khánh', kind: 'holiday' },
    { date: '2026-09-02', name: 'Quốc khánh', kind: 'holiday' },
  ],
  2027: [
    { date: '2027-01-01', name: 'Tết Dương lịch', kind: 'holiday' },
    // Provisional until the government announces Tết Đinh Mùi (mùng 1 is Saturday 06/02/2027).
    ...tet('Đinh Mùi', '2027-02-04', '2027-02-10'),
    { date: '2027-04-16', name: 'Giỗ Tổ Hùng Vương', kind: 'holiday' },
    { date: '2027-04-30', name: 'Ngày Chiến thắng', kind: 'holiday' },
    { date: '2027-05-01', name: 'Ngày Quốc tế Lao động', kind: 'holiday' },
    // 1/5/2027 is a Saturday: by the rule, the day off moves to Monday.
    { date: '2027-05-03', name: 'Nghỉ bù Ngày Quốc tế Lao động', kind: 'holiday' },
    // Provisional: the adjacent day is the government's choice; Friday makes the usual long weekend.
    { date: '2027-09-02', name: 'Quốc khánh', kind: 'holiday' },
    { date: '2027-09-03', name: 'Quốc khánh', kind: 'holiday' },
  ],
};

function tet(lunarYear: string, first: string, last: string): HolidaySeed[] {
  const days: HolidaySeed[] = [];
  for (let date = first; date <= last; date = addDays(date, 1)) {
    days.push({ date, name: `Tết Nguyên đán ${lunarYear}`, kind: 'holiday' });
  }
  return days;
}
