import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

// PostgreSQL returns numeric as text, to keep its precision; targets are read as JS numbers.
const numericAsNumber = { to: (value: number) => value, from: (value: string | null) => (value === null ? null : Number(value)) };

@Entity('indicator_targets')
export class IndicatorTargetEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  indicatorId!: string;

  @Column('integer')
  year!: number;

  // Null: the target of the whole program; otherwise one unit's target.
  @Column('uuid', { nullable: true })
  unitId!: string | null;

  @Column('numeric', { transformer: numericAsNumber })
  value!: number;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz')
  updatedAt!: Date;
}
