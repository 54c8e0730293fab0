import { Module } from '@nestjs/common';
import { AttachmentJanitor } from './attachment-janitor';
import { AttachmentStorage } from './attachment-storage';
import { AttachmentsController } from './attachments.controller';
import { AttachmentsRepository } from './attachments.repository';
import { AttachmentsService } from './attachments.service';

@Module({
  controllers: [AttachmentsController],
  providers: [AttachmentsRepository, AttachmentStorage, AttachmentsService, AttachmentJanitor],
  exports: [AttachmentsService],
})
export class AttachmentsModule {}
