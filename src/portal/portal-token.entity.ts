import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

// One portal link: a unit's access to its report form for one period. The token itself is never
// stored, only its SHA-256.
@Entity('portal_tokens')
export class PortalTokenEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  tokenHash!: string;

  @Column('uuid')
  periodId!: string;

  @Column('uuid')
  unitId!: string;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz')
  expiresAt!: Date;

  // Set when a newer link for the same unit and period replaced this one.
  @Column('timestamptz', { nullable: true })
  revokedAt!: Date | null;

  // The API key's name, or the feature that issued it (reminders).
  @Column('text')
  createdBy!: string;
}
