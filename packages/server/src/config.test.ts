import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const fails = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a configuration error');
};

describe('configuration of reminders and daily jobs', () => {
  it('defaults to jobs on at 02:00 with no SMS or mail channel', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ JOBS_ENABLED: true, JOBS_HOUR: 2 });
    expect(c.SMTP_URL).toBeUndefined();
    expect(c.SMS_GATEWAY_URL).toBeUndefined();
  });

  it('accepts a mail server with a sender, an SMS gateway, and jobs switched off or moved', () => {
    const c = loadConfig({
      SMTP_URL: 'smtp://user:pa%40ss@mail.example.org:587',
      SMTP_FROM: '党建系统 <noreply@example.org>',
      SMS_GATEWAY_URL: 'https://sms.example.org/api/send',
      JOBS_ENABLED: 'false',
      JOBS_HOUR: '0',
    });
    expect(c).toMatchObject({ JOBS_ENABLED: false, JOBS_HOUR: 0 });
    expect(loadConfig({ SMTP_URL: 'smtps://mail.example.org', SMTP_FROM: 'a@b.c' }).SMTP_URL).toBe(
      'smtps://mail.example.org',
    );
  });

  it.each([
    [{ SMTP_URL: 'http://mail.example.org', SMTP_FROM: 'a@b.c' }, /SMTP_URL: SMTP_URL 应形如 smtp:\/\//],
    [{ SMTP_URL: 'mail.example.org:587', SMTP_FROM: 'a@b.c' }, /SMTP_URL: /],
    [{ SMTP_URL: 'smtp://mail.example.org:587' }, /SMTP_FROM: 设置了 SMTP_URL 时必须设置 SMTP_FROM/],
    [
      { SMTP_URL: 'smtp://mail.example.org', SMTP_FROM: '党建系统' },
      /SMTP_FROM: SMTP_FROM 应包含发件邮箱地址/,
    ],
    [{ SMS_GATEWAY_URL: 'ftp://sms.example.org' }, /SMS_GATEWAY_URL: SMS_GATEWAY_URL 应为 http/],
    [{ JOBS_HOUR: '25' }, /JOBS_HOUR: JOBS_HOUR 应为 0–23 的整数/],
    [{ JOBS_HOUR: '-1' }, /JOBS_HOUR: JOBS_HOUR 应为 0–23 的整数/],
    [{ JOBS_HOUR: '2.5' }, /JOBS_HOUR: JOBS_HOUR 应为 0–23 的整数/],
    [{ JOBS_HOUR: 'two' }, /JOBS_HOUR: JOBS_HOUR 应为 0–23 的整数/],
    [{ JOBS_ENABLED: 'yes' }, /JOBS_ENABLED: JOBS_ENABLED 只能是 true 或 false/],
  ])('refuses %o with a message naming the variable', (env, message) => {
    const text = fails(env);
    expect(text).toMatch(/^配置错误 \(configuration error\):/);
    expect(text).toMatch(message);
  });

  it('never echoes the mail password in its message', () => {
    expect(fails({ SMTP_URL: 'smtp://user:hunter2@mail.example.org' })).not.toContain('hunter2');
  });
});

describe('configuration of the trusted reverse proxies (TRUST_PROXY)', () => {
  it('trusts no proxy when unset, so X-Forwarded-For is never believed', () => {
    expect(loadConfig({}).TRUST_PROXY).toBeUndefined();
  });

  it('accepts a comma-separated list of addresses and CIDR ranges, IPv4 and IPv6', () => {
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1' }).TRUST_PROXY).toEqual(['127.0.0.1']);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.10 ,::1,fd00::/8' }).TRUST_PROXY).toEqual([
      '10.0.0.0/8',
      '192.168.1.10',
      '::1',
      'fd00::/8',
    ]);
  });

  it.each([
    'true',
    'proxy.example.org',
    '10.0.0.0/33',
    '::1/129',
    '10.0.0.1/8/8',
    '10.0.0.1/',
    '127.0.0.1,',
    '300.1.1.1',
  ])('refuses %s with a Chinese message naming the variable', (value) => {
    expect(fails({ TRUST_PROXY: value })).toMatch(/TRUST_PROXY: TRUST_PROXY 应为反向代理的 IP 地址或网段/);
  });
});
