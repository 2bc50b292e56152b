// node:crypto and @noble/curves must be interchangeable: same keys, same signatures, same verdicts — otherwise a
// run's eventHash would depend on which host signed it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nobleEd25519 } from '../../twins/security';
import { runNeighbourhood } from '../../twins/sim/demo-neighbourhood';
import { nodeEd25519 } from './node-ed25519';

const node = nodeEd25519();
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('node:crypto Ed25519', () => {
  it('reproduces RFC 8032 test 1', () => {
    const keys = node.generateKeyPair(Buffer.from('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'hex'));
    expect(hex(keys.publicKey)).toBe('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
    expect(hex(node.sign(keys.privateKey, new Uint8Array()))).toBe(
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    );
  });

  it('gives the same keys, signatures and verdicts as noble for any seed and message', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ maxLength: 300 }), fc.nat(63), (seed, message, flip) => {
        const a = node.generateKeyPair(seed);
        const b = nobleEd25519.generateKeyPair(seed);
        expect(hex(a.publicKey)).toBe(hex(b.publicKey));
        const signature = node.sign(a.privateKey, message);
        expect(hex(signature)).toBe(hex(nobleEd25519.sign(b.privateKey, message)));
        expect(node.verify(a.publicKey, message, signature)).toBe(true);
        expect(nobleEd25519.verify(b.publicKey, message, signature)).toBe(true);
        const tampered = Uint8Array.from(signature);
        tampered[flip] = tampered[flip]! ^ 0x01;
        expect(node.verify(a.publicKey, message, tampered)).toBe(nobleEd25519.verify(b.publicKey, message, tampered));
      }),
      { numRuns: 200 },
    );
  });

  it('refuses malformed keys and signatures without throwing', () => {
    const keys = node.generateKeyPair(new Uint8Array(32).fill(9));
    const message = new Uint8Array([1]);
    expect(node.verify(new Uint8Array(31), message, node.sign(keys.privateKey, message))).toBe(false);
    expect(node.verify(keys.publicKey, message, new Uint8Array(10))).toBe(false);
    expect(node.verify(new Uint8Array(32).fill(0xff), message, new Uint8Array(64))).toBe(false);
  });

  it('signs a whole neighbourhood to the same eventHash as the portable implementation', () => {
    const verified: string[] = [];
    const listeners = [(e: { type: string; data: { [key: string]: unknown } }) => void (e.type === 'security.verified' && verified.push(String(e.data.command)))];
    const withNode = runNeighbourhood(3, 'cloud-cloud', 2, { signatures: node, listeners }).kernel.events.hash();
    expect(verified).toContain('lock/unlock'); // at least one signed critical command (home mode no longer opens windows)
    expect(withNode).toBe(runNeighbourhood(3, 'cloud-cloud', 2).kernel.events.hash());
  });
});
