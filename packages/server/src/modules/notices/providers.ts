import { sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { AppContext } from '../../context.js';
import { isWithin } from '../../lib/authz.js';

/** A reminder on its way out: member reminders carry memberId, staff reminders orgId. */
export interface Reminder {
  id: string;
  title: string;
  body: string;
  memberId: string | null;
  orgId: string | null;
}

export interface Provider {
  channel: string;
  /**
   * Resolves true when the reminder went out on this channel and false when the channel does not
   * reach its recipient (no phone, not a staff reminder, nobody with an e-mail address); throws when
   * the channel should have reached them and failed, so the reminder is tried again later.
   */
  send(n: Reminder): Promise<boolean>;
}

/** Always on: the in-app inbox is the notification row itself, the log keeps a trace for operators. */
export function logProvider(log: (msg: string) => void): Provider {
  return {
    channel: 'inbox',
    send: async (n) => {
      log(`[提醒] ${n.title}：${n.body}`);
      return true;
    },
  };
}

/** A hung gateway must not stall the drain of every other reminder. */
const SEND_TIMEOUT_MS = 15_000;

/** An SMS gateway that takes a JSON POST (the common shape of domestic SMS platforms). */
export function smsGatewayProvider(
  url: string,
  phoneOf: (memberId: string) => Promise<string | null>,
): Provider {
  return {
    channel: 'sms',
    async send(n) {
      const phone = n.memberId ? await phoneOf(n.memberId) : null;
      if (!phone) return false;
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ phone, text: `【党建】${n.body}` }),
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      });
      if (!res.ok) throw new Error(`SMS gateway answered ${res.status}`);
      return true;
    },
  };
}

/** E-mail for staff reminders, one message per reminder to everyone `recipientsOf` names. */
export function smtpProvider(
  smtpUrl: string,
  from: string,
  recipientsOf: (orgId: string) => Promise<string[]>,
): Provider {
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: SEND_TIMEOUT_MS,
    greetingTimeout: SEND_TIMEOUT_MS,
    socketTimeout: SEND_TIMEOUT_MS,
  });
  return {
    channel: 'email',
    async send(n) {
      if (n.memberId || !n.orgId) return false;
      const to = await recipientsOf(n.orgId);
      if (to.length === 0) return false;
      await transport.sendMail({
        from,
        to,
        subject: `【党建】${n.title}`,
        text: `${n.body}\n\n请登录党建系统处理。此邮件由系统自动发送，请勿回复。`,
      });
      return true;
    },
  };
}

/**
 * Who is e-mailed a staff reminder: active staff accounts that can act on it (admin, manager,
 * clerk; not auditors, who only read) with an address, of the nearest organization up from the
 * reminder's own that has any. The branch hears of its own lapses; a county's admins are not sent
 * every branch's reminders (they see them in the inbox), only those of branches without staff mail.
 */
async function staffEmails(ctx: AppContext, orgId: string): Promise<string[]> {
  const rows = await ctx.database.rows<{ email: string }>(sql`
    with staff as (
      select u.email, nlevel(o.path) as depth from users u join orgs o on o.id = u.org_id
      where u.email is not null and not u.disabled and u.role in ('admin', 'manager', 'clerk')
        and ${isWithin(sql`(select path from orgs where id = ${orgId})`, sql`o.path`)})
    select distinct email from staff where depth = (select max(depth) from staff)`);
  return rows.map((r) => r.email);
}

async function memberPhone(ctx: AppContext, memberId: string): Promise<string | null> {
  const [row] = await ctx.database.rows<{ phoneEnc: string | null }>(
    sql`select phone_enc as "phoneEnc" from members where id = ${memberId}`,
  );
  return row?.phoneEnc ? ctx.vault.decrypt(row.phoneEnc) : null;
}

/** The one place the configured channels are assembled, for the daily job and the manual refresh alike. */
export function providersFromConfig(ctx: AppContext, log: (msg: string) => void): Provider[] {
  const { SMS_GATEWAY_URL, SMTP_URL, SMTP_FROM } = ctx.config;
  const providers = [logProvider(log)];
  if (SMS_GATEWAY_URL) {
    providers.push(smsGatewayProvider(SMS_GATEWAY_URL, (id) => memberPhone(ctx, id)));
  }
  if (SMTP_URL && SMTP_FROM) {
    providers.push(smtpProvider(SMTP_URL, SMTP_FROM, (orgId) => staffEmails(ctx, orgId)));
  }
  return providers;
}
