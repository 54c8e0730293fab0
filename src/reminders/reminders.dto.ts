import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { ListQuery } from '../common/pagination';
import { QueryBoolean } from '../common/transforms';
import { ReminderKind, ReminderRow, ReminderStatus } from './reminders.repository';

const KINDS = ['before_due', 'due_today', 'overdue', 'escalation'] as const;
const STATUSES = ['queued', 'sent', 'failed', 'cancelled'] as const;

export class ReminderPolicyDto {
  @ApiProperty({ type: [Number], example: [7, 3, 1], description: 'working days before the due day' }) beforeDue!: number[];
  @ApiProperty({ example: true }) onDueDay!: boolean;
  @ApiProperty({ example: 2, description: 'working days between overdue reminders' }) overdueEvery!: number;
  @ApiProperty({ example: 5 }) overdueMax!: number;
  @ApiProperty({ example: 2, description: 'the overdue reminder from which the head of the unit is written to, the secretariat in copy' }) escalateAfter!: number;
  @ApiProperty({ example: '08:00', description: 'committee time, on working days only' }) sendAt!: string;
  @ApiProperty({ example: 'Asia/Ho_Chi_Minh' }) timezone!: string;
}

export class ReminderQuery extends ListQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() periodId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() unitId?: string;
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES) status?: ReminderStatus;
}

export class RunQuery {
  @ApiPropertyOptional({ description: 'only show what would be created', default: false })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  dryRun?: boolean;
}

export class ReminderResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({ format: 'uuid' }) periodId!: string;
  @ApiProperty({ enum: KINDS }) kind!: ReminderKind;
  @ApiProperty() step!: number;
  @ApiProperty({ enum: STATUSES }) status!: ReminderStatus;
  @ApiProperty() attempts!: number;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty({ type: String, nullable: true }) messageId!: string | null;
  @ApiProperty({ format: 'date-time' }) scheduledFor!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt!: string | null;
  @ApiProperty({ type: [String] }) recipients!: string[];
  @ApiProperty({ type: [String] }) cc!: string[];
}

export class ReminderPage {
  @ApiProperty({ type: [ReminderResponse] }) items!: ReminderResponse[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() limit!: number;
}

class PlannedItem {
  @ApiProperty({ enum: ['report', 'task'] }) kind!: 'report' | 'task';
  @ApiProperty({ description: 'the assignment id, or "report"' }) itemId!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
}

export class PlannedReminderResponse {
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty({ format: 'uuid' }) periodId!: string;
  @ApiProperty({ enum: KINDS }) kind!: ReminderKind;
  @ApiProperty() step!: number;
  @ApiProperty({ format: 'date-time' }) scheduledFor!: string;
  @ApiProperty({ type: [PlannedItem] }) items!: PlannedItem[];
}

export class RunResponse {
  @ApiProperty() dryRun!: boolean;
  @ApiProperty({ type: [PlannedReminderResponse], description: 'what is due now (dry run) or what this run recorded and enqueued' }) reminders!: PlannedReminderResponse[];
}

export function toReminderResponse(row: ReminderRow): ReminderResponse {
  return {
    id: row.id,
    unitId: row.unitId,
    periodId: row.periodId,
    kind: row.kind,
    step: row.step,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    messageId: row.messageId,
    scheduledFor: new Date(row.scheduledFor).toISOString(),
    sentAt: row.sentAt ? new Date(row.sentAt).toISOString() : null,
    recipients: row.recipients,
    cc: row.cc,
  };
}
