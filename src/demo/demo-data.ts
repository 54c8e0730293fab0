import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DemoUnit {
  code: string;
  name: string;
  kind: 'agency' | 'commune' | 'township' | 'other';
  emails: string[];
  headEmail?: string;
}

export interface DemoTask {
  title: string;
  assignTo: 'all' | 'communes' | 'agencies' | string[];
  dueAt: string;
}

export interface DemoSubmission {
  unit: string;
  submittedAt?: string;
  values: Record<string, number>;
}

export interface DemoPeriod {
  year: number;
  quarter: number;
  reportDueAt: string;
  briefingAt: string;
  briefingPlace?: string;
  agenda?: Array<{ time: string; title: string; presenter?: string }>;
  tasks?: DemoTask[];
  submissions?: DemoSubmission[];
  expectedTotals?: Record<string, number>;
  expectedYearToDate?: Record<string, number>;
  expectedCompleteness?: { units: number; submitted: number; onTime: number; late: number; missing: string[] };
}

export interface DemoData {
  program: { code: string; name: string; committee: string; secretariat: string; secretariatEmail: string; chair: string; timezone: string };
  units: DemoUnit[];
  indicators: Array<{ code: string; name: string; measure: string; aggregation: 'sum' | 'avg' | 'max' | 'latest' }>;
  targets: Array<{ indicator: string; year: number; value: number }>;
  holidays: Array<{ date: string; name: string }>;
  periods: DemoPeriod[];
}

// The Kon Rẫy 2024 campaign shipped in demo/ (copied from the shared data set). Compiled code runs
// from dist/src/demo, tests from src/demo: the file is found from either.
export const DEMO_FILE = [join(__dirname, '..', '..', 'demo', 'kon-ray-2024.json'), join(__dirname, '..', '..', '..', 'demo', 'kon-ray-2024.json')].find((file) => existsSync(file)) ?? '';

export function readDemoData(file = DEMO_FILE): DemoData {
  return JSON.parse(readFileSync(file, 'utf8')) as DemoData;
}

// The place name on documents: "Ban Chỉ đạo ... huyện Kon Rẫy" → "Kon Rẫy".
export function localityOf(committee: string): string | undefined {
  return /(?:huyện|thị xã|thành phố|tỉnh|xã|thị trấn)\s+(.+)$/iu.exec(committee)?.[1]?.trim();
}
