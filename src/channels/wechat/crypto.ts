/**
 * 安全模式 message encryption, as the WeChat official-account platform specifies it:
 * AES-256-CBC with key = base64(EncodingAESKey + "="), IV = the key's first 16 bytes;
 * plaintext = 16 random bytes + 4-byte big-endian length + message + appid, padded with
 * PKCS#7 to a multiple of 32 bytes (not AES's 16, hence our own padding).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const BLOCK = 32;

export class WechatCryptoError extends Error {}

export class WechatCrypto {
  private readonly key: Buffer;
  private readonly iv: Buffer;

  constructor(encodingAesKey: string, private readonly appId: string) {
    this.key = Buffer.from(encodingAesKey + '=', 'base64');
    if (this.key.length !== 32) throw new WechatCryptoError('EncodingAESKey 必须是 43 个字符（解码后 32 字节）');
    this.iv = this.key.subarray(0, 16);
  }

  encrypt(message: string, random: Buffer = randomBytes(16)): string {
    const msg = Buffer.from(message, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(msg.length, 0);
    const plain = Buffer.concat([random, length, msg, Buffer.from(this.appId, 'utf8')]);
    const pad = BLOCK - (plain.length % BLOCK);
    const cipher = createCipheriv('aes-256-cbc', this.key, this.iv).setAutoPadding(false);
    return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
  }

  decrypt(encrypted: string): string {
    let plain: Buffer;
    try {
      const decipher = createDecipheriv('aes-256-cbc', this.key, this.iv).setAutoPadding(false);
      plain = Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()]);
    } catch {
      throw new WechatCryptoError('密文无法解密');
    }
    const pad = plain[plain.length - 1] ?? 0;
    if (pad < 1 || pad > BLOCK || plain.length < 20 + pad) throw new WechatCryptoError('密文填充错误');
    const content = plain.subarray(16, plain.length - pad);
    const length = content.readUInt32BE(0);
    if (length > content.length - 4) throw new WechatCryptoError('密文长度错误');
    const message = content.subarray(4, 4 + length).toString('utf8');
    const appId = content.subarray(4 + length).toString('utf8');
    if (appId !== this.appId) throw new WechatCryptoError('AppID 不符');
    return message;
  }
}
