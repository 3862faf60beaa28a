import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { AppError } from '../../shared/errors';
import { canonicalJson } from '../util/contentHash';

/** What a signature covers: the decision, the revision it is about (number and hash), who and when. */
export interface SignedDecision {
  proposalId: string;
  action: string;
  revision: number | null;
  hash: string | null;
  reason: string;
  by: string;
  at: string;
}

/** The review desk's key pair, as PEM text: Ed25519, which needs no parameters to get wrong. */
export function generateSigningKeys(): { publicKey: string; privateKey: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

/** A public key as typed or pasted by a user: refused with a Chinese message unless it is Ed25519. */
export function parsePublicKey(pem: string): string {
  try {
    const key = createPublicKey(pem.trim());
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('not ed25519');
    return key.export({ type: 'spki', format: 'pem' }).toString();
  } catch {
    throw new AppError('INVALID_INPUT', '总会公钥无效：应为 Ed25519 公钥（以 -----BEGIN PUBLIC KEY----- 开头的 PEM 文本）');
  }
}

const payload = (d: SignedDecision) => Buffer.from(canonicalJson(d), 'utf8');

export function signDecision(d: SignedDecision, privateKeyPem: string): string {
  return sign(null, payload(d), createPrivateKey(privateKeyPem)).toString('base64');
}

/** True only for a signature made by the key's owner over exactly this decision. */
export function verifyDecision(d: SignedDecision, signature: string | null | undefined, publicKeyPem: string | null | undefined): boolean {
  if (!signature || !publicKeyPem) return false;
  try {
    return verify(null, payload(d), createPublicKey(publicKeyPem), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
