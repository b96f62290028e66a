// The Official Account callback's security, from node:crypto: the URL signature (every callback), and safe mode
// (安全模式) — msg_signature over the encrypted body, AES-256-CBC with the EncodingAESKey, PKCS#7 padding to 32 bytes,
// the plaintext framed as random(16) + length(4, big-endian) + message + AppID. Checked against Tencent's published
// sample (test/adapters/wechat-oa/oa-crypto.test.ts).
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const BLOCK = 32;

function sha1(parts: string[]): string {
  return createHash('sha1')
    .update([...parts].sort().join(''))
    .digest('hex');
}

/** `signature` of a callback URL: sha1 of token, timestamp and nonce sorted and joined. */
export function urlSignature(token: string, timestamp: string, nonce: string): string {
  return sha1([token, timestamp, nonce]);
}

/** `msg_signature` in safe mode: the same with the Encrypt field added, so the body is covered too. */
export function messageSignature(token: string, timestamp: string, nonce: string, encrypt: string): string {
  return sha1([token, timestamp, nonce, encrypt]);
}

/** Constant-time comparison of two hex signatures (hashed first: equal lengths, nothing leaked about the length). */
export function signaturesMatch(given: string | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const digest = (s: string) => createHash('sha256').update(s.toLowerCase(), 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** The 32-byte AES key of a 43-character EncodingAESKey. */
export function aesKeyOf(encodingAesKey: string): Buffer {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (key.length !== 32) throw new RangeError('EncodingAESKey must be 43 characters of base64');
  return key;
}

export class DecryptError extends Error {
  override readonly name = 'DecryptError';
}

/** Decrypts an `Encrypt` field; throws DecryptError when it is malformed or was made for another AppID. */
export function decryptMessage(encodingAesKey: string, appId: string, encrypt: string): string {
  const key = aesKeyOf(encodingAesKey);
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    decipher.setAutoPadding(false);
    plain = Buffer.concat([decipher.update(Buffer.from(encrypt, 'base64')), decipher.final()]);
  } catch (err) {
    throw new DecryptError(`AES decrypt failed: ${(err as Error).message}`);
  }
  const pad = plain[plain.length - 1] ?? 0;
  if (pad < 1 || pad > BLOCK || plain.length < 20 + pad) throw new DecryptError('bad padding');
  const body = plain.subarray(16, plain.length - pad);
  const length = body.readUInt32BE(0);
  if (4 + length > body.length) throw new DecryptError('bad message length');
  const from = body.subarray(4 + length).toString('utf8');
  if (from !== appId) throw new DecryptError(`message is for AppID ${from}, not ours`);
  return body.subarray(4, 4 + length).toString('utf8');
}

/** Encrypts a message as the platform does (our fake API posts callbacks with it). `random` is 16 bytes. */
export function encryptMessage(
  encodingAesKey: string,
  appId: string,
  message: string,
  random: Buffer = randomBytes(16),
): string {
  const key = aesKeyOf(encodingAesKey);
  const msg = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(msg.length);
  const framed = Buffer.concat([random.subarray(0, 16), length, msg, Buffer.from(appId, 'utf8')]);
  const pad = BLOCK - (framed.length % BLOCK);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([framed, Buffer.alloc(pad, pad)])), cipher.final()]).toString(
    'base64',
  );
}
