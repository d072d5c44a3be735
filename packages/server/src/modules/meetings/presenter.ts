import type { LifeRecordRow } from './queries.js';

export function presentLifeRecord(row: LifeRecordRow) {
  return { id: row.id, heldOn: row.heldOn, mode: row.mode, topic: row.topic };
}
