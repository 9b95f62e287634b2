import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from './sha256';

const nodeSha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

describe('sha256Hex', () => {
  it('matches the FIPS 180-4 example digest of "abc"', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it("agrees with Node's SHA-256 at every length around the block and padding edges", () => {
    for (let length = 0; length < 200; length++) {
      const text = 'y'.repeat(length);
      expect(sha256Hex(text)).toBe(nodeSha256(text));
    }
  });

  it("agrees with Node's SHA-256 on random and multi-byte text", () => {
    for (let i = 0; i < 50; i++) {
      const text = randomBytes(1 + i * 37).toString('base64') + 'é✓𝄞';
      expect(sha256Hex(text)).toBe(nodeSha256(text));
    }
  });
});
