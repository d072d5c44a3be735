import { randomUUID } from 'node:crypto';
import type { inflowCreateBody } from '@dangjian/core';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { inflowMembers, mobilityEpisodes } from '../../../db/schema.js';
import { type Actor, authorize, loadOrgInScope, resolveScopeOrg } from '../../../lib/authz.js';
import { AppError } from '../../../lib/errors.js';
import { write } from '../../../lib/write.js';
import { validLetterOfEpisode } from '../../letters/index.js';
import { maskContact, presentInflow } from '../presenter.js';
import { episodeHolder, inflowRows } from '../queries.js';

export type InflowInput = z.infer<typeof inflowCreateBody>;

/**
 * 流入登记: the host registers a member of another organization living on its ground. A member of
 * this system is found by the code on their certificate; anyone else is recorded by name.
 */
export async function registerInflow(ctx: AppContext, actor: Actor, input: InflowInput) {
  authorize(actor, 'member.write');
  const host = await loadOrgInScope(ctx.database, actor, input.orgId);
  if (input.certificateCode) {
    const code = input.certificateCode.trim().toUpperCase();
    const { episodeId } = await validLetterOfEpisode(ctx, code);
    const episode = await episodeHolder(ctx, episodeId);
    if (episode?.status !== 'open') throw new AppError('EPISODE_CLOSED');
    const id = randomUUID();
    return write(ctx, actor, async (tx, w) => {
      await tx
        .update(mobilityEpisodes)
        .set({ inflowOrgId: host.id, inflowOn: input.arrivedOn, updatedAt: new Date() })
        .where(eq(mobilityEpisodes.id, episodeId));
      await tx.insert(inflowMembers).values({
        id,
        hostOrgId: host.id,
        episodeId,
        name: episode.memberName,
        originOrgName: '(本系统)',
        certificateNumber: code,
        arrivedOn: input.arrivedOn,
      });
      w.audit({
        action: 'mobility.inflow',
        entity: 'member',
        entityId: episode.memberId,
        orgId: host.id,
        orgPath: host.path,
        after: { episodeId, hostOrgId: host.id, arrivedOn: input.arrivedOn },
      });
      return { id, episodeId, hostOrgId: host.id, name: episode.memberName, internal: true };
    });
  }
  const { name, originOrgName } = input;
  if (!name || !originOrgName) {
    throw new AppError('VALIDATION_FAILED', '请填写活动证编码，或填写姓名和原所在党组织');
  }
  const id = randomUUID();
  return write(ctx, actor, async (tx, w) => {
    await tx.insert(inflowMembers).values({
      id,
      hostOrgId: host.id,
      name,
      originOrgName,
      certificateNumber: input.certificateNumber ?? null,
      contactEnc: input.contact ? ctx.vault.encrypt(input.contact) : null,
      contactMasked: input.contact ? maskContact(input.contact) : null,
      arrivedOn: input.arrivedOn,
    });
    w.audit({
      action: 'mobility.inflow_external',
      entity: 'inflow',
      entityId: id,
      orgId: host.id,
      orgPath: host.path,
      after: { name, originOrgName, certificateNumber: input.certificateNumber ?? null },
    });
    return { id, episodeId: null, hostOrgId: host.id, name, internal: false };
  });
}

/** The inflow records of the organization named (else the caller's own), with their masked contact. */
export async function listInflows(ctx: AppContext, actor: Actor, orgId?: string) {
  authorize(actor, 'member.read');
  const org = await resolveScopeOrg(ctx.database, actor, orgId);
  return { items: (await inflowRows(ctx, actor, org)).map(presentInflow) };
}
