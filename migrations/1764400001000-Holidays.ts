import { MigrationInterface, QueryRunner } from 'typeorm';

export class Holidays1764400001000 implements MigrationInterface {
  name = 'Holidays1764400001000';

  async up(db: QueryRunner): Promise<void> {
    // Only the exceptions to "Monday to Friday": days off, and weekend days worked in exchange.
    // updated_at is null for the seed, like the settings row, until someone edits the year.
    await db.query(`
      CREATE TABLE holidays (
        date date PRIMARY KEY,
        name text NOT NULL CHECK (name <> ''),
        kind text NOT NULL CHECK (kind IN ('holiday', 'workday')),
        updated_at timestamptz
      )`);
    // The seed is written out here rather than imported from src/calendar/vietnam-holidays.ts, so
    // that this migration inserts the same rows forever; a later change to the seed needs a
    // migration of its own.
    await db.query(`
      INSERT INTO holidays (date, name, kind) VALUES
      ('2024-01-01', 'Tết Dương lịch', 'holiday'),
      ('2024-02-08', 'Tết Nguyên đán Giáp Thìn', 'holiday'),
      ('2024-02-09', 'Tết Nguyên đán Giáp Thìn', 'holiday'),
      ('2024-02-10', 'Tết Nguyên đán Giáp Thìn', 'holiday'),
      ('2024-02-11', 'Tết Nguyên đán Giáp Thìn', 'holiday'),
      ('2024-02-12', 'Tết Nguyên đán Giáp Thìn', 'holiday'),
      ('2024-02-13', 'Tết Nguyên đán Giáp Thìn', 'holiday'),
      ('2024-02-14', 'Tết Nguyên đán Giáp Thìn', 'holiday'),
      ('2024-04-18', 'Giỗ Tổ Hùng Vương', 'holiday'),
      ('2024-04-29', 'Nghỉ hoán đổi dịp 30/4 và 1/5', 'holiday'),
      ('2024-04-30', 'Ngày Chiến thắng', 'holiday'),
      ('2024-05-01', 'Ngày Quốc tế Lao động', 'holiday'),
      ('2024-05-04', 'Làm bù ngày 29/4/2024', 'workday'),
      ('2024-09-02', 'Quốc khánh', 'holiday'),
      ('2024-09-03', 'Quốc khánh', 'holiday'),
      ('2025-01-01', 'Tết Dương lịch', 'holiday'),
      ('2025-01-25', 'Tết Nguyên đán Ất Tỵ', 'holiday'),
      ('2025-01-26', 'Tết Nguyên đán Ất Tỵ', 'holiday'),
      ('2025-01-27', 'Tết Nguyên đán Ất Tỵ', 'holiday'),
      ('2025-01-28', 'Tết Nguyên đán Ất Tỵ', 'holiday'),
      ('2025-01-29', 'Tết Nguyên đán Ất Tỵ', 'holiday'),
      ('2025-01-30', 'Tết Nguyên đán Ất Tỵ', 'holiday'),
      ('2025-01-31', 'Tết Nguyên đán Ất Tỵ', 'holiday'),
      ('2025-02-01', 'Tết Nguyên đán Ất Tỵ', 'holiday'),
      ('2025-02-02', 'Tết Nguyên đán Ất Tỵ', 'holiday'),
      ('2025-04-07', 'Giỗ Tổ Hùng Vương', 'holiday'),
      ('2025-04-26', 'Làm bù ngày 02/5/2025', 'workday'),
      ('2025-04-30', 'Ngày Chiến thắng', 'holiday'),
      ('2025-05-01', 'Ngày Quốc tế Lao động', 'holiday'),
      ('2025-05-02', 'Nghỉ hoán đổi dịp 30/4 và 1/5', 'holiday'),
      ('2025-09-01', 'Quốc khánh', 'holiday'),
      ('2025-09-02', 'Quốc khánh', 'holiday'),
      ('2026-01-01', 'Tết Dương lịch', 'holiday'),
      ('2026-01-02', 'Nghỉ hoán đổi dịp Tết Dương lịch', 'holiday'),
      ('2026-01-10', 'Làm bù ngày 02/01/2026', 'workday'),
      ('2026-02-14', 'Tết Nguyên đán Bính Ngọ', 'holiday'),
      ('2026-02-15', 'Tết Nguyên đán Bính Ngọ', 'holiday'),
      ('2026-02-16', 'Tết Nguyên đán Bính Ngọ', 'holiday'),
      ('2026-02-17', 'Tết Nguyên đán Bính Ngọ', 'holiday'),
      ('2026-02-18', 'Tết Nguyên đán Bính Ngọ', 'holiday'),
      ('2026-02-19', 'Tết Nguyên đán Bính Ngọ', 'holiday'),
      ('2026-02-20', 'Tết Nguyên đán Bính Ngọ', 'holiday'),
      ('2026-02-21', 'Tết Nguyên đán Bính Ngọ', 'holiday'),
      ('2026-02-22', 'Tết Nguyên đán Bính Ngọ', 'holiday'),
      ('2026-04-26', 'Giỗ Tổ Hùng Vương', 'holiday'),
      ('2026-04-27', 'Nghỉ bù Giỗ Tổ Hùng Vương', 'holiday'),
      ('2026-04-30', 'Ngày Chiến thắng', 'holiday'),
      ('2026-05-01', 'Ngày Quốc tế Lao động', 'holiday'),
      ('2026-08-22', 'Làm bù ngày 31/8/2026', 'workday'),
      ('2026-08-31', 'Nghỉ hoán đổi dịp Quốc khánh', 'holiday'),
      ('2026-09-01', 'Quốc khánh', 'holiday'),
      ('2026-09-02', 'Quốc khánh', 'holiday'),
      ('2027-01-01', 'Tết Dương lịch', 'holiday'),
      ('2027-02-04', 'Tết Nguyên đán Đinh Mùi', 'holiday'),
      ('2027-02-05', 'Tết Nguyên đán Đinh Mùi', 'holiday'),
      ('2027-02-06', 'Tết Nguyên đán Đinh Mùi', 'holiday'),
      ('2027-02-07', 'Tết Nguyên đán Đinh Mùi', 'holiday'),
      ('2027-02-08', 'Tết Nguyên đán Đinh Mùi', 'holiday'),
      ('2027-02-09', 'Tết Nguyên đán Đinh Mùi', 'holiday'),
      ('2027-02-10', 'Tết Nguyên đán Đinh Mùi', 'holiday'),
      ('2027-04-16', 'Giỗ Tổ Hùng Vương', 'holiday'),
      ('2027-04-30', 'Ngày Chiến thắng', 'holiday'),
      ('2027-05-01', 'Ngày Quốc tế Lao động', 'holiday'),
      ('2027-05-03', 'Nghỉ bù Ngày Quốc tế Lao động', 'holiday'),
      ('2027-09-02', 'Quốc khánh', 'holiday'),
      ('2027-09-03', 'Quốc khánh', 'holiday')
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE holidays`);
  }
}
