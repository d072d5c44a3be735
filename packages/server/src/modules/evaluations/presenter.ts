import type { ReviewRow } from './queries.js';

export function presentReview(row: ReviewRow) {
  return { id: row.id, year: row.year, result: row.result, note: row.note, reviewedBy: row.reviewedBy };
}
