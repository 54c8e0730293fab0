import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { MailMessageEntity } from './mail-message.entity';

export type NewMail = Pick<MailMessageEntity, 'kind' | 'toAddresses' | 'ccAddresses' | 'subject' | 'textBody' | 'htmlBody' | 'createdAt'> &
  Partial<Pick<MailMessageEntity, 'attachments' | 'icalEvent'>>;

/**
 * Records an e-mail inside the caller's transaction (queued, not yet enqueued): it exists exactly
 * when the change it tells of was stored. The caller enqueues it once the transaction has
 * committed (MailService.enqueueRecorded); if that never happens, MailService.requeueStale does.
 */
export async function insertMail(manager: EntityManager, mail: NewMail): Promise<string> {
  const [row]: Array<{ id: string }> = await manager.query(
    `INSERT INTO mail_messages (kind, to_addresses, cc_addresses, subject, text_body, html_body, status, attempts, attachments, ical_event, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'queued', 0, $7, $8, $9) RETURNING id`,
    [mail.kind, mail.toAddresses, mail.ccAddresses, mail.subject, mail.textBody, mail.htmlBody, JSON.stringify(mail.attachments ?? []), mail.icalEvent ?? null, mail.createdAt],
  );
  return row.id;
}

@Injectable()
export class MailRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get mails() {
    return this.dataSource.getRepository(MailMessageEntity);
  }

  create(mail: NewMail): Promise<MailMessageEntity> {
    return this.mails.save(this.mails.create({ attachments: [], icalEvent: null, ...mail, status: 'queued', attempts: 0 }));
  }

  // Mail still queued long after it was recorded: its job may have been lost with Redis.
  async queuedBefore(olderThan: Date): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(`SELECT id FROM mail_messages WHERE status = 'queued' AND created_at < $1`, [olderThan]);
    return rows.map((row) => row.id);
  }

  findById(id: string): Promise<MailMessageEntity | null> {
    return this.mails.findOneBy({ id });
  }

  // Conditional on the row not being sent yet, so two workers racing on one message record one send.
  async markSent(id: string, messageId: string, at: Date): Promise<boolean> {
    const result = await this.mails
      .createQueryBuilder()
      .update()
      .set({ status: 'sent', messageId, sentAt: at, lastError: null, attempts: () => 'attempts + 1' })
      .where('id = :id AND status <> :sent', { id, sent: 'sent' })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async markAttemptFailed(id: string, error: string, final: boolean): Promise<void> {
    await this.mails
      .createQueryBuilder()
      .update()
      .set({ lastError: error.slice(0, 2000), attempts: () => 'attempts + 1', ...(final ? { status: 'failed' as const } : {}) })
      .where('id = :id AND status <> :sent', { id, sent: 'sent' })
      .execute();
  }
}
