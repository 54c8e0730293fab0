import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

// A quarter: the units' report deadline and the briefing meeting that follows it.
@Entity('periods')
export class PeriodEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('integer')
  year!: number;

  @Column('smallint')
  quarter!: number;

  @Column('timestamptz')
  reportDueAt!: Date;

  @Column('timestamptz')
  briefingAt!: Date;

  @Column('text', { nullable: true })
  briefingPlace!: string | null;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz')
  updatedAt!: Date;
}
