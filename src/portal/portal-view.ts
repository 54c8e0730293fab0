import { SectionName } from '../submissions/submission.entity';
import { FormErrors, FormValues, PortalTaskStatus } from './portal-form';

// What the unit's page shows, gathered by the portal service; the renderers are pure functions of it.

export interface PortalTaskView {
  id: string;
  title: string;
  role: 'lead' | 'support';
  // The effective deadline, after extensions.
  dueAt: Date;
  status: PortalTaskStatus;
  note: string | null;
}

export interface PortalIndicatorView {
  id: string;
  code: string;
  name: string;
  measure: string;
  // The unit's value in the previous quarter's report (not a draft), if any.
  previousValue: number | null;
}

// A file the unit attached to its report for the period.
export interface PortalAttachmentView {
  id: string;
  filename: string;
  size: number;
}

export interface PortalSubmissionView {
  status: 'draft' | 'submitted' | 'accepted' | 'returned';
  sections: Partial<Record<SectionName, string | null>>;
  values: Record<string, number>;
  submittedAt: Date | null;
  lastSubmittedAt: Date | null;
  late: boolean;
  reviewComment: string | null;
  reviewedAt: Date | null;
}

export interface PortalView {
  committeeName: string | null;
  unitName: string;
  year: number;
  quarter: number;
  // The unit's deadline: its latest extension, else the period's.
  reportDueAt: Date;
  now: Date;
  timeZone: string;
  // Working days from today to the deadline's day; negative when it is past.
  workingDaysLeft: number;
  previousPeriod: { year: number; quarter: number } | null;
  tasks: PortalTaskView[];
  indicators: PortalIndicatorView[];
  submission: PortalSubmissionView | null;
  // Oldest first.
  attachments: PortalAttachmentView[];
}

export type Flash = 'draft' | 'submitted';

export interface PageState {
  // The page's own URL segment, so that the form posts back to it.
  token: string;
  csrfToken: string;
  flash: Flash | null;
  form: FormValues;
  errors: FormErrors | null;
  // After a post that changed something without saving the report (a file removed), in plain text.
  notice?: string | null;
  // Next to the file field: why the files just chosen were not kept (the form had errors).
  filesNote?: string | null;
}

// A report that was sent and is not back with the unit cannot be edited from the portal.
export function isReadOnly(view: Pick<PortalView, 'submission'>): boolean {
  return view.submission?.status === 'submitted' || view.submission?.status === 'accepted';
}
