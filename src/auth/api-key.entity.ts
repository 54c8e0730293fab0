import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ApiRole } from './roles';

@Entity('api_keys')
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  @Column('text')
  role!: ApiRole;

  @Column('text')
  keyHash!: string;

  @Column('text')
  keyPrefix!: string;

  @Column('boolean')
  fromEnvironment!: boolean;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz', { nullable: true })
  lastUsedAt!: Date | null;
}
