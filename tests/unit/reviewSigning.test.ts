import { describe, expect, test } from 'vitest';
import { generateSigningKeys, parsePublicKey, signDecision, verifyDecision } from '../../src/core/review/signing';

const decision = { proposalId: 'p1', action: 'approve', revision: 2, hash: 'a'.repeat(64), reason: '', by: '总会 李审', at: '2026-11-30T08:00:00.000Z' };

describe('signed decisions (Ed25519)', () => {
  const federation = generateSigningKeys();
  const signature = signDecision(decision, federation.privateKey);

  test('a decision signed with the federation key verifies', () => {
    expect(verifyDecision(decision, signature, federation.publicKey)).toBe(true);
  });

  test('a tampered decision does not: other revision, other action, other reason', () => {
    expect(verifyDecision({ ...decision, revision: 3 }, signature, federation.publicKey)).toBe(false);
    expect(verifyDecision({ ...decision, action: 'reject' }, signature, federation.publicKey)).toBe(false);
    expect(verifyDecision({ ...decision, hash: 'b'.repeat(64) }, signature, federation.publicKey)).toBe(false);
  });

  test('an unknown key, a missing signature or garbage do not', () => {
    const stranger = generateSigningKeys();
    expect(verifyDecision(decision, signDecision(decision, stranger.privateKey), federation.publicKey)).toBe(false);
    expect(verifyDecision(decision, null, federation.publicKey)).toBe(false);
    expect(verifyDecision(decision, signature, null)).toBe(false);
    expect(verifyDecision(decision, '!!not base64!!', federation.publicKey)).toBe(false);
  });

  test('a configured public key must be Ed25519', () => {
    expect(parsePublicKey(`\n${federation.publicKey}\n`)).toBe(federation.publicKey);
    expect(() => parsePublicKey('not a key')).toThrow('总会公钥无效');
  });
});
