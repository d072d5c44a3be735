import type { ObligationKind } from '@dangjian/core';
import type { AppContext } from '../../context.js';
import { disposalObligations, openDailyCandidates } from '../disposals/index.js';
import { duesObligations, duesPublicationObligations, noDuesDailyStep } from '../dues/index.js';
import { meetingObligations, orgLadderStep } from '../meetings/index.js';
import { mobilityObligations } from '../mobility/index.js';
import type { ObligationProvider } from './provider.js';

/**
 * The registry (ARCHITECTURE.md "Obligations are a registry"): every provider of obligations, each
 * from its area's index.ts. The scan, the refresh inside a write, the list and the reminders read it
 * or the tables it fills; an area adds its provider here. A function rather than a constant, so the
 * areas' modules, which reach the registry back through the write path, have finished loading.
 */
export function obligationProviders(): ObligationProvider[] {
  return [
    mobilityObligations,
    meetingObligations,
    disposalObligations,
    duesObligations,
    duesPublicationObligations,
  ];
}

/** A piece of the daily work beside the scan: something found on a day (a disposal candidate) is recorded. */
export interface DailyStep {
  /** For logs: the area that registers it and what it does. */
  name: string;
  run(ctx: AppContext, asOf: string): Promise<unknown>;
}

/**
 * The daily steps, run in order after the scan by the daily work (and by POST /api/obligations/refresh,
 * which starts it at once): an area appends its step here. A function for the same reason as above.
 */
export function dailySteps(): DailyStep[] {
  return [{ name: 'disposals: daily candidates', run: openDailyCandidates }, orgLadderStep, noDuesDailyStep];
}

/** How a kind reads (the 预警 spreadsheet): its provider's label, else the kind itself. */
export function obligationKindLabel(kind: string, providers = obligationProviders()): string {
  for (const p of providers) {
    const label = p.labels[kind as ObligationKind];
    if (label) return label;
  }
  return kind;
}
