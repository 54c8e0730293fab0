import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Aggregation } from './aggregation';

@Entity('indicators')
export class IndicatorEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  code!: string;

  @Column('text')
  name!: string;

  // Unit of measure, e.g. "buổi", "lượt người".
  @Column('text')
  measure!: string;

  @Column('text')
  aggregation!: Aggregation;

  // Display order in lists, forms and the briefing pack.
  @Column('integer')
  position!: number;

  @Column('boolean')
  active!: boolean;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz')
  updatedAt!: Date;
}
