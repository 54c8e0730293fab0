import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { QUEUES } from '../src/infra/queue/jobs';
import { QueueService } from '../src/infra/queue/queue.service';
import { MailRepository } from '../src/mail/mail.repository';
import { MailService } from '../src/mail/mail.service';
import { startSmtpServer, TestSmtpServer } from './support/smtp';
import { startTestApp, TestApp } from './support/test-app';

async function waitForStatus(t: TestApp, mailId: string, status: string): Promise<void> {
  const mails = t.app.get(MailService);
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if ((await mails.findById(mailId))?.status === status) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`mail ${mailId} never reached ${status}`);
}

describe('Mail queue', () => {
  describe('over SMTP', () => {
    let smtp: TestSmtpServer;
    let t: TestApp;

    beforeAll(async () => {
      smtp = await startSmtpServer();
      t = await startTestApp({ env: { SMTP_URL: smtp.url } });
      await t.request('PATCH', '/api/v1/settings', {
        body: { secretariatEmail: 'bcd@konray.gov.vn', secretariatName: 'Thường trực Ban Chỉ đạo', programName: 'Cuộc vận động Kon Rẫy' },
      });
    });

    afterAll(async () => {
      await t.close();
      await smtp.close();
    });

    it('should deliver a test e-mail through the queue and a worker when the secretariat asks for one', async () => {
      const response = await t.request('POST', '/api/v1/settings/test-email', { body: { to: ['lan@konray.gov.vn'] } });
      expect(response.status).toBe(202);
      const [mail] = await smtp.waitForMails(1);
      expect(mail.envelopeTo).toEqual(['lan@konray.gov.vn']);
      expect(mail.parsed.subject).toBe('[Giao ban] Thư kiểm tra cấu hình gửi thư — Cuộc vận động Kon Rẫy');
      expect(mail.parsed.from?.text).toContain('bcd@konray.gov.vn');
      expect(mail.parsed.text).toContain('Đây là thư kiểm tra');
      await waitForStatus(t, response.body.mailId, 'sent');
    });

    it('should send one e-mail when the same mail is enqueued twice', async () => {
      const before = smtp.mails.length;
      const response = await t.request('POST', '/api/v1/settings/test-email', { body: {} });
      await smtp.waitForMails(before + 1);
      await waitForStatus(t, response.body.mailId, 'sent');
      // A duplicate trigger, as a re-enqueue after a lost Redis would make.
      const jobId = await t.app.get(QueueService).enqueue('mail.send', { mailId: response.body.mailId }, { jobId: `duplicate-${response.body.mailId}` });
      const queue = t.app.get<Queue>(getQueueToken(QUEUES.mail));
      const deadline = Date.now() + 20_000;
      while ((await queue.getJobState(jobId)) !== 'completed' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect((await queue.getJob(jobId))?.returnvalue).toBe('already sent');
      expect(smtp.mails.length).toBe(before + 1);
      expect(smtp.mails[before].envelopeTo).toEqual(['bcd@konray.gov.vn']);
    });

    it('should send a mail again after its job was lost, once, when the sweep finds it still queued', async () => {
      const before = smtp.mails.length;
      const mails = t.app.get(MailService);
      // Recorded but never enqueued: as if Redis had lost the job.
      const lost = await t.app.get(MailRepository).create({
        kind: 'test',
        toAddresses: ['lost@konray.gov.vn'],
        ccAddresses: [],
        subject: 'Thư bị mất hàng đợi',
        textBody: 'x',
        htmlBody: null,
        createdAt: new Date(Date.now() - 3_600_000),
      });
      expect(await mails.requeueStale(new Date())).toBeGreaterThanOrEqual(1);
      await waitForStatus(t, lost.id, 'sent');
      expect(await mails.requeueStale(new Date())).toBe(0);
      expect(smtp.mails.slice(before).filter((mail) => mail.envelopeTo.includes('lost@konray.gov.vn'))).toHaveLength(1);
    });

    // BullMQ ignores an add under an id it still holds: a mail still queued behind a finished job
    // (one that failed after stalling twice, say) would wait for that job to expire, a week.
    it('should send a mail still queued whose job finished without sending it, when the sweep finds it', async () => {
      const before = smtp.mails.length;
      const mails = t.app.get(MailService);
      const repository = t.app.get(MailRepository);
      const stuck = await repository.create({
        kind: 'test',
        toAddresses: ['stuck@konray.gov.vn'],
        ccAddresses: [],
        subject: 'Thư bị kẹt',
        textBody: 'x',
        htmlBody: null,
        createdAt: new Date(Date.now() - 3_600_000),
      });
      // Its job ran while the mail looked sent, and finished: 'already sent'.
      await repository.markSent(stuck.id, 'earlier@giaoban.local', new Date());
      const jobId = await t.app.get(QueueService).enqueue('mail.send', { mailId: stuck.id }, { jobId: `mail-${stuck.id}` });
      const queue = t.app.get<Queue>(getQueueToken(QUEUES.mail));
      const deadline = Date.now() + 20_000;
      while ((await queue.getJobState(jobId)) !== 'completed' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect((await queue.getJob(jobId))?.returnvalue).toBe('already sent');
      await t.app.get(DataSource).query(`UPDATE mail_messages SET status = 'queued', message_id = NULL, sent_at = NULL, attempts = 0 WHERE id = $1`, [stuck.id]);

      expect(await mails.requeueStale(new Date())).toBeGreaterThanOrEqual(1);
      await waitForStatus(t, stuck.id, 'sent');
      expect(smtp.mails.slice(before).filter((mail) => mail.envelopeTo.includes('stuck@konray.gov.vn'))).toHaveLength(1);
    });

    it('should answer 400 naming `to` when a recipient is not an e-mail', async () => {
      const response = await t.request('POST', '/api/v1/settings/test-email', { body: { to: ['not-an-email'] } });
      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([{ field: 'to[0]', message: 'must be an email' }]);
    });
  });

  describe('without SMTP_URL', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp();
    });

    afterAll(async () => {
      await t.close();
    });

    it('should write the e-mail to the outbox as an .eml file', async () => {
      const response = await t.request('POST', '/api/v1/settings/test-email', { body: { to: ['xa.dakruong@konray.gov.vn'] } });
      expect(response.status).toBe(202);
      await waitForStatus(t, response.body.mailId, 'sent');
      const outbox = join(t.config.dataDir, 'outbox');
      const files = readdirSync(outbox);
      expect(files).toEqual([`${response.body.mailId}.eml`]);
      const eml = readFileSync(join(outbox, files[0]), 'utf8');
      expect(eml).toContain('To: xa.dakruong@konray.gov.vn');
    });

    it('should answer 400 naming `to` when no recipient is given and no secretariat e-mail is set', async () => {
      const response = await t.request('POST', '/api/v1/settings/test-email', { body: {} });
      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([{ field: 'to', message: 'is required while the settings have no secretariatEmail' }]);
    });
  });
});
