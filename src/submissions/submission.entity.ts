import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const SUBMISSION_STATUSES = ['draft', 'submitted', 'accepted', 'returned'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

export const SECTION_NAMES = ['results', 'difficulties', 'proposals'] as const;
export type SectionName = (typeof SECTION_NAMES)[number];
// Only the sections with text are kept; an absent one is empty.
export type Sections = Partial<Record<SectionName, string>>;

// The statuses of a task assignment, owned by the tasks feature; a report can update them.
export const ASSIGNMENT_STATUSES = ['pending', 'in_progress', 'done'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

export const REVISION_ACTIONS = ['create', 'update', 'submit', 'accept', 'return'] as const;
export type RevisionAction = (typeof REVISION_ACTIONS)[number];

// A unit's report for a period: one per (period, unit).
@Entity('submissions')
export class SubmissionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  periodId!: string;

  @Column('uuid')
  unitId!: string;

  @Column('text')
  status!: SubmissionStatus;

  @Column('jsonb')
  sections!: Sections;

  // The first submission: lateness is judged on it, whatever happens after a return.
  @Column('timestamptz', { nullable: true })
  submittedAt!: Date | null;

  @Column('timestamptz', { nullable: true })
  lastSubmittedAt!: Date | null;

  @Column('text', { nullable: true })
  reviewComment!: string | null;

  @Column('timestamptz', { nullable: true })
  reviewedAt!: Date | null;

  // The number of the latest row in submission_revisions.
  @Column('integer')
  revision!: number;

  @Column('timestamptz')
  createdAt!: Date;

  @Column('timestamptz')
  updatedAt!: Date;
}

// A submission with what is read alongside it: its unit, its period, its effective report
// deadline and its indicator values by code (in display order).
export interface SubmissionRecord extends SubmissionEntity {
  unitCode: string;
  unitName: string;
  unitEmails: string[];
  periodYear: number;
  periodQuarter: number;
  reportDueAt: Date;
  values: Record<string, number>;
}

export interface Change<T> {
  from: T;
  to: T;
}

export interface TaskChange {
  status?: Change<AssignmentStatus>;
  note?: Change<string | null>;
  completedAt?: Change<string | null>;
}

// What one revision changed, field by field; instants as ISO strings.
export interface RevisionChanges {
  status?: Change<SubmissionStatus | null>;
  sections?: Partial<Record<SectionName, Change<string | null>>>;
  values?: Record<string, Change<number | null>>;
  tasks?: Record<string, TaskChange>;
  submittedAt?: Change<string | null>;
  lastSubmittedAt?: Change<string | null>;
  reviewComment?: Change<string | null>;
  reviewedAt?: Change<string | null>;
}

@Entity('submission_revisions')
export class SubmissionRevisionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid')
  submissionId!: string;

  @Column('integer')
  revision!: number;

  @Column('timestamptz')
  at!: Date;

  // The API key's name, or "portal" for a unit's own form.
  @Column('text')
  actor!: string;

  @Column('text')
  action!: RevisionAction;

  // The submission's status after the change.
  @Column('text')
  status!: SubmissionStatus;

  @Column('jsonb')
  changes!: RevisionChanges;
}
