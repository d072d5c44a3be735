import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

const hourError = 'JOBS_HOUR 应为 0–23 的整数（服务器本地时间的小时）';

const trustProxyError =
  'TRUST_PROXY 应为反向代理的 IP 地址或网段（CIDR），多个用逗号分隔，如 127.0.0.1 或 10.0.0.0/8,::1';

/** An IPv4/IPv6 address, optionally with a prefix length within its family's width. */
function isAddressOrCidr(entry: string): boolean {
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL 必须以 postgres:// 开头')
    .optional(),
  ADMIN_PASSWORD: z.string().min(1).optional(),
  MASTER_KEY: z.string().optional(),
  FONT_PATH: z.string().optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(120),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().positive().default(15),
  COOKIE_SECURE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  UPLOAD_MAX_MB: z.coerce.number().positive().default(50),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_DIST: z.string().optional(),
  /**
   * The reverse proxies whose X-Forwarded-For is believed (Fastify trustProxy). Unset: none, so a
   * client cannot pick its own address and slip the per-address login brake by rotating the header.
   */
  TRUST_PROXY: z
    .string()
    .transform((v) => v.split(',').map((e) => e.trim()))
    .refine((list) => list.every(isAddressOrCidr), trustProxyError)
    .optional(),
  JOBS_ENABLED: z
    .enum(['true', 'false'], 'JOBS_ENABLED 只能是 true 或 false')
    .default('true')
    .transform((v) => v === 'true'),
  JOBS_HOUR: z.coerce.number(hourError).int(hourError).min(0, hourError).max(23, hourError).default(2),
  SMS_GATEWAY_URL: z
    .url({
      protocol: /^https?$/,
      hostname: /^\S+$/,
      error: 'SMS_GATEWAY_URL 应为 http:// 或 https:// 开头的网址',
    })
    .optional(),
  SMTP_URL: z
    .url({
      protocol: /^smtps?$/,
      hostname: /^\S+$/,
      error: 'SMTP_URL 应形如 smtp://用户名:密码@主机:587 或 smtps://用户名:密码@主机:465',
    })
    .optional(),
  SMTP_FROM: z
    .string()
    .regex(/@/, 'SMTP_FROM 应包含发件邮箱地址，如 "党建系统 <noreply@example.org>"')
    .optional(),
});

/** Cross-field rules: a mail server is useless without a sender address, so say so at start. */
const checkedSchema = configSchema.superRefine((c, issues) => {
  if (c.SMTP_URL && !c.SMTP_FROM) {
    issues.addIssue({
      code: 'custom',
      path: ['SMTP_FROM'],
      message: '设置了 SMTP_URL 时必须设置 SMTP_FROM（发件人，如 "党建系统 <noreply@example.org>"）',
    });
  }
});

export type Config = z.infer<typeof configSchema> & { dataDir: string };

/** Parsed once at start; a bad variable stops the process with a message naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = checkedSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`配置错误 (configuration error):\n${lines.join('\n')}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.DATA_DIR) };
}

export class ConfigError extends Error {}
