import type { ImportPhase, ImportStatus } from '@dangjian/core';

export interface ImportError {
  row: number;
  column: string;
  message: string;
}

/** A running import's state, kept in memory by this process (service/jobs.ts). */
export interface ImportProgress {
  id: string;
  status: ImportStatus;
  phase: ImportPhase;
  total: number;
  processed: number;
  created: number;
  updated: number;
  errors: ImportError[];
  errorCount: number;
  message: string | null;
  fileName: string | null;
  orgId: string;
  orgPath: string;
}

export interface ImportJobRow {
  id: string;
  orgId: string;
  status: ImportStatus;
  phase: ImportPhase;
  fileName: string | null;
  total: number;
  processed: number;
  created: number;
  updated: number;
  errors: ImportError[] | null;
  message: string | null;
}

/** A job as API.md shows it, whether it is still running here or ended (its row). */
export function presentImportJob(job: ImportProgress | ImportJobRow) {
  const errors = job.errors ?? [];
  return {
    id: job.id,
    orgId: job.orgId,
    status: job.status,
    phase: job.phase,
    fileName: job.fileName,
    total: job.total,
    processed: job.processed,
    created: job.created,
    updated: job.updated,
    errors,
    errorCount: 'errorCount' in job ? job.errorCount : errors.length,
    message: job.message,
  };
}
