import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DayKind } from '../calendar/working-days';

export const DAY_KINDS = ['holiday', 'workday'] as const satisfies readonly DayKind[];

// One exception to "Monday to Friday": a day off, or a weekend day worked in exchange for one.
@Entity('holidays')
export class HolidayEntity {
  // YYYY-MM-DD: a calendar day, the same in every time zone.
  @PrimaryColumn('date')
  date!: string;

  @Column('text')
  name!: string;

  @Column('text')
  kind!: DayKind;

  // Null for the seeded rows until their year is edited.
  @Column('timestamptz', { nullable: true })
  updatedAt!: Date | null;
}
