import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AssignTo } from './assign-to';

// A task that recurs every quarter; a period created with fromTemplates gets one task per template.
@Entity('task_templates')
export class TaskTemplateEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  title!: string;

  @Column('text', { nullable: true })
  description!: string | null;

  @Column('jsonb')
  assignTo!: AssignTo;

  // Month of the quarter (1..3), day of that month (1..31) and wall-clock time "HH:mm".
  @Column('smallint')
  dueMonth!: number;

  @Column('smallint')
  dueDay!: number;

  @Column('text')
  dueTime!: string;

  @Column('timestamptz')
  createdAt!: Date;
}
