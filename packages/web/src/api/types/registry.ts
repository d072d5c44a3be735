export type Education =
  | 'doctor'
  | 'master'
  | 'bachelor'
  | 'college'
  | 'secondary'
  | 'high_school'
  | 'junior'
  | 'other';

export interface Member {
  id: string;
  orgId: string;
  orgName: string | null;
  name: string;
  gender: 'male' | 'female';
  ethnicity: string | null;
  idNumber: string;
  birthDate: string;
  education: Education | null;
  occupation: string | null;
  duesCategory: string | null;
  jobPost: string | null;
  phone: string | null;
  address: string | null;
  kind: 'full' | 'probationary';
  joinedOn: string;
  fullOn: string | null;
  standing: 'normal' | 'stopped';
  stopReason: string | null;
  lostContact: boolean;
  lostContactSince: string | null;
  lostContactReason?: string | null;
  mobile: boolean;
  destinationRegion: string | null;
  exitKind: string | null;
  exitOn: string | null;
  version: number;
  updatedAt: string;
}

export type MemberInput = Partial<
  Omit<Member, 'id' | 'orgName' | 'exitKind' | 'exitOn' | 'version' | 'updatedAt'>
> & { version?: number };

export type AgeBand = '<=25' | '26-30' | '31-35' | '36-40' | '>=41';

export interface MemberFilter {
  orgId?: string;
  q?: string;
  kind?: Member['kind'];
  standing?: Member['standing'];
  mobile?: 'true' | 'false';
  lostContact?: 'true' | 'false';
  education?: Education;
  ageBand?: AgeBand;
  destinationProvince?: string;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface HistoryEntry {
  id: string;
  at: string;
  actorName: string | null;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface ImportRowError {
  row: number;
  column: string | null;
  message: string;
}

export interface ImportJob {
  id: string;
  orgId?: string;
  status: 'running' | 'succeeded' | 'rejected' | 'failed';
  phase: 'reading' | 'checking' | 'writing' | 'done';
  fileName?: string | null;
  total: number;
  processed: number;
  created: number;
  updated: number;
  errors: ImportRowError[];
  errorCount: number;
  message: string | null;
}

export interface MemberStats {
  total: number;
  ageBands: Record<AgeBand, number>;
  education: Record<'doctor' | 'master' | 'bachelor' | 'college' | 'secondary' | 'other', number>;
  location: Record<'local' | 'province' | 'outside' | 'unknown', number>;
  standing: Record<'normal' | 'stopped' | 'lostContact', number>;
}
