import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const UNIT_KINDS = ['agency', 'commune', 'township', 'other'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

@Entity('units')
export class UnitEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  code!: string;

  @Column('text')
  name!: string;

  @Column('text')
  kind!: UnitKind;

  @Column('uuid', { nullable: true })
  parentId!: string | null;

  @Column('text', { array: true })
  emails!: string[];

  @Column('text', { nullable: true })
  headEmail!: string | null;

  @Column('boolean')
  active!: boolean;

  // Code and name folded by searchKey(), so that "dak ruong" finds "Xã Đăk Ruồng".
  @Column('text')
  searchKey!: string;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz')
  updatedAt!: Date;
}
