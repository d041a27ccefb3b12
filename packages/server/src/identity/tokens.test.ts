import { SaysoError } from '@sayso/core';
import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { importVisitorKey, issueVisitorToken, signUserToken, signVisitorToken, verifyUserToken, verifyVisitorToken } from './tokens.js';

const secret = 'host-secret-with-enough-entropy-0123456789';
const key = new TextEncoder().encode(secret);
const now = new Date('2026-06-01T12:00:00Z');
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(SaysoError);
  return (error as SaysoError).code;
}

describe('verifyUserToken', () => {
  it('trusts the claims of a token the host signed', async () => {
    const token = await signUserToken({ sub: 'u-42', email: 'ada@example.com', name: 'Ada', traits: { plan: 'pro', mrr: 99 } }, secret, { now });
    expect(await verifyUserToken(token, secret, now)).toEqual({
      sub: 'u-42',
      email: 'ada@example.com',
      name: 'Ada',
      traits: { plan: 'pro', mrr: 99 },
    });
  });

  it('says token_expired for an expired token, so the widget can ask for a fresh one', async () => {
    const token = await signUserToken({ sub: 'u-42' }, secret, { now, expiresInSeconds: 60 });
    expect(await codeOf(verifyUserToken(token, secret, new Date(now.getTime() + 120_000)))).toBe('token_expired');
  });

  it('refuses a token signed with another secret', async () => {
    const token = await signUserToken({ sub: 'u-42' }, 'another-secret-entirely-0123456789', { now });
    expect(await codeOf(verifyUserToken(token, secret, now))).toBe('unauthorized');
  });

  it('refuses an unsigned token (alg none)', async () => {
    const token = new UnsecuredJWT({ sub: 'u-42' }).setExpirationTime(seconds(now) + 60).encode();
    expect(await codeOf(verifyUserToken(token, secret, now))).toBe('unauthorized');
  });

  it('refuses another algorithm than HS256', async () => {
    const token = await new SignJWT({ sub: 'u-42' }).setProtectedHeader({ alg: 'HS512' }).setExpirationTime(seconds(now) + 60).sign(key);
    expect(await codeOf(verifyUserToken(token, secret, now))).toBe('unauthorized');
  });

  it('requires exp, and at most 24 h of life', async () => {
    const forever = await new SignJWT({ sub: 'u-42' }).setProtectedHeader({ alg: 'HS256' }).sign(key);
    expect(await codeOf(verifyUserToken(forever, secret, now))).toBe('unauthorized');
    const tooLong = await signUserToken({ sub: 'u-42' }, secret, { now, expiresInSeconds: 25 * 3600 });
    expect(await codeOf(verifyUserToken(tooLong, secret, now))).toBe('unauthorized');
  });

  it('refuses claims of the wrong shape', async () => {
    const noSub = await new SignJWT({ name: 'x' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime(seconds(now) + 60).sign(key);
    expect(await codeOf(verifyUserToken(noSub, secret, now))).toBe('unauthorized');
    const badEmail = await signUserToken({ sub: 'u', email: 'not an email' }, secret, { now });
    expect(await codeOf(verifyUserToken(badEmail, secret, now))).toBe('unauthorized');
  });

  it('refuses garbage', async () => {
    expect(await codeOf(verifyUserToken('not.a.token', secret, now))).toBe('unauthorized');
    expect(await codeOf(verifyUserToken('', secret, now))).toBe('unauthorized');
  });
});

describe('visitor tokens', () => {
  const serverSecret = crypto.getRandomValues(new Uint8Array(32));

  it('round-trip an opaque visitor id', async () => {
    const { visitorId, token } = await issueVisitorToken(serverSecret);
    expect(await verifyVisitorToken(token, serverSecret)).toBe(visitorId);
  });

  it('are the same tokens with the secret imported once as with its bytes', async () => {
    const key = await importVisitorKey(serverSecret);
    const { visitorId, token } = await issueVisitorToken(key);
    expect(await verifyVisitorToken(token, serverSecret)).toBe(visitorId);
    const signedWithBytes = await signVisitorToken('visitor-1', serverSecret);
    expect(await verifyVisitorToken(signedWithBytes, key)).toBe('visitor-1');
    const foreignKey = await importVisitorKey(crypto.getRandomValues(new Uint8Array(32)));
    expect(await codeOf(verifyVisitorToken(signedWithBytes, foreignKey))).toBe('unauthorized');
  });

  it('cannot be minted without the server secret', async () => {
    const { token } = await issueVisitorToken(crypto.getRandomValues(new Uint8Array(32)));
    expect(await codeOf(verifyVisitorToken(token, serverSecret))).toBe('unauthorized');
  });

  it('are not interchangeable with a host user token', async () => {
    const userToken = await signUserToken({ sub: 'u-42' }, serverSecret);
    expect(await codeOf(verifyVisitorToken(userToken, serverSecret))).toBe('unauthorized');
  });
});
