import { Column, Entity, PrimaryColumn } from 'typeorm';

// One program per deployment: a single row (id = 1).
@Entity('settings')
export class SettingsEntity {
  @PrimaryColumn('smallint')
  id!: number;

  @Column('text', { nullable: true }) programName!: string | null;
  @Column('text', { nullable: true }) committeeName!: string | null;
  @Column('text', { nullable: true }) secretariatName!: string | null;
  @Column('text', { nullable: true }) secretariatEmail!: string | null;
  @Column('text', { nullable: true }) chairTitle!: string | null;
  @Column('text', { nullable: true }) locality!: string | null;
  @Column('text') timezone!: string;
  @Column('text', { nullable: true }) portalBaseUrl!: string | null;
  // Compile the briefing pack this many working days before the meeting (null: only on request),
  // and e-mail it to the participants when briefingAutoSend is set.
  @Column('integer', { nullable: true }) briefingCompileDaysBefore!: number | null;
  @Column('boolean') briefingAutoSend!: boolean;
  @Column('timestamptz', { nullable: true }) updatedAt!: Date | null;
}
