import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AssignTo } from './assign-to';
import type { AssignmentRole, AssignmentStatus } from './assignment-state';

// Work assigned to units for a period. `dueAt` is the task's deadline; each assignment keeps its
// own copy, which an extension moves.
@Entity('tasks')
export class TaskEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  periodId!: string;

  @Column('text')
  title!: string;

  @Column('text', { nullable: true })
  description!: string | null;

  @Column('timestamptz')
  dueAt!: Date;

  // As given: a keyword ("all", "communes", "agencies") or the lead units' ids.
  @Column('jsonb')
  assignTo!: AssignTo;

  @Column('uuid', { nullable: true })
  templateId!: string | null;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz')
  updatedAt!: Date;
}

// One unit's share of a task. Invariant (a CHECK in the table): status is done exactly when
// completedAt is set. dueAt is the effective deadline, after extensions.
@Entity('assignments')
export class AssignmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  taskId!: string;

  @Column('uuid')
  periodId!: string;

  @Column('uuid')
  unitId!: string;

  @Column('text')
  role!: AssignmentRole;

  @Column('text')
  status!: AssignmentStatus;

  @Column('text', { nullable: true })
  note!: string | null;

  @Column('timestamptz')
  dueAt!: Date;

  @Column('timestamptz', { nullable: true })
  completedAt!: Date | null;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz')
  updatedAt!: Date;
}

// A deadline extension of an assignment; every one is kept.
@Entity('assignment_extensions')
export class AssignmentExtensionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  assignmentId!: string;

  @Column('timestamptz')
  dueAt!: Date;

  @Column('timestamptz')
  previousDueAt!: Date;

  @Column('text')
  reason!: string;

  @Column('text')
  actor!: string;

  @Column('timestamptz')
  createdAt!: Date;
}
