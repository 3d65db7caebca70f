import { expect } from 'vitest';

/** Multi-workspace (OAuth) mode: the app's environment with the double's client id and secret. */
export function oauthEnv(keyByte = 7): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: '',
    SLACK_CLIENT_ID: '111.222',
    SLACK_CLIENT_SECRET: 'client-secret',
    SLACK_STATE_SECRET: 'state-secret',
    TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, keyByte).toString('base64'),
  };
}

/** The double's side of oauthEnv (`startSlackDouble({ oauth })`). */
export const DOUBLE_OAUTH = { clientId: '111.222', clientSecret: 'client-secret' };

/** Runs /slack/install like a browser: the page, its state and the cookie Bolt set with it. */
export async function beginInstall(
  baseUrl: string,
): Promise<{ status: number; state: string; cookie: string; page: string }> {
  const response = await fetch(`${baseUrl}/slack/install`);
  const page = await response.text();
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const state = /state=([A-Za-z0-9_-]+)/.exec(page)?.[1] ?? '';
  return { status: response.status, state, cookie, page };
}

/** A whole install in the browser: /slack/install, then Slack's redirect back with `code`. */
export async function installWithCode(baseUrl: string, code: string): Promise<void> {
  const { state, cookie } = await beginInstall(baseUrl);
  const done = await fetch(`${baseUrl}/slack/oauth_redirect?code=${code}&state=${state}`, {
    headers: { cookie },
  });
  expect(done.status).toBe(200);
}
