import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { FieldChange } from '../audit/audit';
import { conflict, notFound } from '../common/errors';
import { ClockService } from '../infra/clock/clock.service';
import { MAX_ATTACHMENTS, reportLocked, tooMany } from './attachment-rejected';
import { checkUpload } from './attachment-rules';
import { AttachmentStorage } from './attachment-storage';
import { AttachmentResponse, toAttachmentResponse } from './attachments.dto';
import { AttachmentBlocker, AttachmentRecord, AttachmentsRepository, Owner } from './attachments.repository';

export const ATTACHMENT_AUDIT_ENTITY = 'attachment';

// Who changes attachments: an API key (its name is recorded), or the unit's portal.
export interface AttachmentActor {
  name: string;
}

export interface OpenedAttachment {
  stream: Readable;
  filename: string;
  mimeType: string;
  size: number;
}

/**
 * The files a unit attaches to its report for a period: at most MAX_ATTACHMENTS live ones, each
 * a PDF, DOCX, XLSX, JPEG or PNG of at most 10 MB judged by its content. Used by the admin API
 * and the unit portal. Refusals of the file itself are AttachmentRejected (a 4xx naming `files`,
 * with `messageVi` for the portal); an unknown period, unit or file is a 404, an inactive unit a 409.
 */
@Injectable()
export class AttachmentsService {
  constructor(
    private readonly attachments: AttachmentsRepository,
    private readonly storage: AttachmentStorage,
    private readonly clock: ClockService,
  ) {}

  async add(periodId: string, unitId: string, file: { filename: string; content: Buffer }, actor: AttachmentActor): Promise<AttachmentResponse> {
    const checked = checkUpload(file);
    const owner = await this.requireOwner(periodId, unitId, true);
    const early = await this.attachments.blocker(owner, MAX_ATTACHMENTS);
    if (early) throw refusal(early);
    const id = randomUUID();
    const stored = await this.storage.write({ ...owner, attachmentId: id }, file.content);
    const now = this.clock.now();
    const attachment: AttachmentRecord = {
      id,
      ...owner,
      filename: checked.filename,
      mimeType: checked.mimeType,
      sizeBytes: file.content.length,
      ...stored,
      uploadedAt: now,
      uploadedBy: actor.name,
    };
    const result = await this.attachments
      .insert(attachment, MAX_ATTACHMENTS, { at: now, actor: actor.name, action: 'create', entity: ATTACHMENT_AUDIT_ENTITY, changes: toChanges(attachment, 'to') })
      .catch(async (error: unknown) => {
        await this.storage.remove(stored.storageKey);
        throw error;
      });
    if (typeof result === 'string') {
      await this.storage.remove(stored.storageKey);
      throw refusal(result);
    }
    return toAttachmentResponse(result);
  }

  async list(periodId: string, unitId: string): Promise<AttachmentResponse[]> {
    const owner = await this.requireOwner(periodId, unitId, false);
    return (await this.attachments.list(owner)).map(toAttachmentResponse);
  }

  async listForSubmission(submissionId: string): Promise<AttachmentResponse[]> {
    const owner = await this.attachments.submissionOwner(submissionId);
    if (!owner) throw notFound('submission', submissionId);
    return (await this.attachments.list(owner)).map(toAttachmentResponse);
  }

  // For the portal: a unit removes only its own file of that period; another one is a 404.
  async remove(attachmentId: string, periodId: string, unitId: string, actor: AttachmentActor): Promise<void> {
    const attachment = await this.require(attachmentId);
    if (attachment.periodId !== periodId.toLowerCase() || attachment.unitId !== unitId.toLowerCase()) throw notFound('attachment', attachmentId);
    await this.delete(attachment, actor);
  }

  // For the admin API: any unit's file.
  async removeById(attachmentId: string, actor: AttachmentActor): Promise<void> {
    await this.delete(await this.require(attachmentId), actor);
  }

  async open(attachmentId: string): Promise<OpenedAttachment> {
    const attachment = await this.require(attachmentId);
    const stream = await this.storage.read(attachment.storageKey);
    if (!stream) throw notFound('file of attachment', attachmentId);
    return { stream, filename: attachment.filename, mimeType: attachment.mimeType, size: attachment.sizeBytes };
  }

  // The row is marked removed first: a crash before the bytes go leaves an unreferenced file,
  // never a listed attachment without its bytes.
  private async delete(attachment: AttachmentRecord, actor: AttachmentActor): Promise<void> {
    const now = this.clock.now();
    const outcome = await this.attachments.markDeleted(attachment, now, {
      at: now,
      actor: actor.name,
      action: 'delete',
      entity: ATTACHMENT_AUDIT_ENTITY,
      changes: toChanges(attachment, 'from'),
    });
    if (outcome === 'locked') throw reportLocked();
    if (outcome === 'gone') throw notFound('attachment', attachment.id);
    await this.storage.remove(attachment.storageKey);
  }

  private async require(id: string): Promise<AttachmentRecord> {
    const attachment = isUUID(id) ? await this.attachments.findById(id.toLowerCase()) : null;
    if (!attachment) throw notFound('attachment', id);
    return attachment;
  }

  private async requireOwner(periodId: string, unitId: string, forChange: boolean): Promise<Owner> {
    if (!isUUID(periodId)) throw notFound('period', periodId);
    if (!isUUID(unitId)) throw notFound('unit', unitId);
    const owner = { periodId: periodId.toLowerCase(), unitId: unitId.toLowerCase() };
    const found = await this.attachments.owner(owner);
    if (!found.period) throw notFound('period', periodId);
    if (found.unitActive === null) throw notFound('unit', unitId);
    if (forChange && !found.unitActive) throw conflict(`unit ${unitId} is inactive; its reports cannot be changed`, 'unitId');
    return owner;
  }
}

function refusal(blocker: AttachmentBlocker): Error {
  return blocker === 'too_many' ? tooMany() : reportLocked();
}

// What the audit log keeps of a file: who sent what, for which report; not where it is stored.
function toChanges(attachment: AttachmentRecord, side: 'from' | 'to'): Record<string, FieldChange> {
  const { periodId, unitId, filename, mimeType, sizeBytes, sha256, uploadedBy } = attachment;
  const values: Record<string, unknown> = { periodId, unitId, filename, mimeType, sizeBytes, sha256, uploadedBy, uploadedAt: new Date(attachment.uploadedAt).toISOString() };
  return Object.fromEntries(Object.entries(values).map(([field, value]) => [field, { [side]: value }]));
}
