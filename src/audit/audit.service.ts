import { Injectable } from '@nestjs/common';
import { parseSort, Page, toPage } from '../common/pagination';
import { AuditEntryResponse, AuditQuery, toAuditResponse } from './audit.dto';
import { AuditRepository } from './audit.repository';

@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  async list(query: AuditQuery): Promise<Page<AuditEntryResponse>> {
    // Newest first unless asked otherwise: the log is read to see what just happened.
    const order = parseSort(query.sort ?? '-at', ['at'] as const, 'at');
    const { rows, total } = await this.audit.list({ ...query, offset: (query.page - 1) * query.limit, limit: query.limit, order });
    return toPage(rows.map(toAuditResponse), total, query);
  }
}
