import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { MailAttachment } from '../infra/mail/mail-transport';

export type MailStatus = 'queued' | 'sent' | 'failed';

@Entity('mail_messages')
export class MailMessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  kind!: string;

  @Column('text', { array: true })
  toAddresses!: string[];

  @Column('text', { array: true })
  ccAddresses!: string[];

  @Column('text')
  subject!: string;

  @Column('text')
  textBody!: string;

  @Column('text', { nullable: true })
  htmlBody!: string | null;

  @Column('text')
  status!: MailStatus;

  @Column('integer')
  attempts!: number;

  @Column('text', { nullable: true })
  lastError!: string | null;

  @Column('text', { nullable: true })
  messageId!: string | null;

  @Column('jsonb')
  attachments!: MailAttachment[];

  @Column('text', { nullable: true })
  icalEvent!: string | null;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz', { nullable: true })
  sentAt!: Date | null;
}
