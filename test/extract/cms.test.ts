/**
 * The CMS check without pkijs (src/extract/cms.ts, `verifyDetachedCms`): detached signatures made by the openssl CLI
 * with each algorithm the check accepts (RSA PKCS #1 v1.5, RSA-PSS with its parameters, ECDSA), DER or BER with
 * indefinite lengths (`-stream -indef`), signer named by issuer and serial number or by key identifier, with or without
 * signed attributes; `openssl cms -verify` is the judge of each. Then the refusals, in French, of what is not a
 * readable CMS (truncated, nested 100,000 levels deep) or uses a digest the check does not take.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CmsError, readDer } from '../../src/extract/cms.ts';
import { verifyDetachedCms } from '../../src/extract/signatures.ts';
import { tempDir } from '../render/tools.ts';

let dir = '';
const DATA = Buffer.from('%PDF-1.7 octets signés, accentués : Élodie Lefèvre\n', 'utf8');
const UNREADABLE = 'La valeur /Contents n’est pas une structure CMS (PKCS #7) lisible.';

/** Runs the openssl CLI (its output is not needed). */
function openssl(args: string[]): void {
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** A throw-away key and self-signed certificate. */
interface Identity {
  key: string;
  cert: string;
}

const identities = new Map<string, Identity>();

/** Returns a key and certificate made by `openssl req` (`newKey` as its -newkey option). */
function identity(stem: string, subject: string, newKey: string): Identity {
  const made = { key: join(dir, `${stem}.key`), cert: join(dir, `${stem}.crt`) };
  openssl(['req', '-x509', '-newkey', newKey, '-nodes', '-keyout', made.key, '-out', made.cert, '-days', '2', '-utf8', '-subj', subject]);
  identities.set(stem, made);
  return made;
}

/** Returns the detached CMS `openssl cms -sign` makes over DATA, in DER (or BER with `-stream -indef` in `extra`). */
function sign(signer: Identity, extra: string[]): Uint8Array {
  const data = join(dir, 'data.bin');
  const out = join(dir, 'signature.der');
  writeFileSync(data, DATA);
  openssl(['cms', '-sign', '-binary', '-in', data, '-signer', signer.cert, '-inkey', signer.key, '-outform', 'DER', '-out', out, ...extra]);
  return new Uint8Array(readFileSync(out));
}

/** Returns whether `openssl cms -verify` (no chain check) accepts the CMS over DATA. */
function opensslVerifies(cms: Uint8Array): boolean {
  const file = join(dir, 'judged.der');
  const data = join(dir, 'judged.bin');
  writeFileSync(file, cms);
  writeFileSync(data, DATA);
  return spawnSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', file, '-content', data, '-noverify', '-out', '/dev/null']).status === 0;
}

beforeAll(() => {
  dir = tempDir('cms');
  identity('rsa', '/CN=Jean Dupont Test/O=Cabinet d’essai', 'rsa:2048');
  const params = join(dir, 'p384.pem');
  openssl(['ecparam', '-name', 'secp384r1', '-out', params]);
  identity('ec', '/CN=Élodie Lefèvre Test', `ec:${params}`);
}, 60_000);

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

/** Returns a registered identity. */
function who(stem: string): Identity {
  const found = identities.get(stem);
  if (found === undefined) throw new Error(`no identity ${stem}`);
  return found;
}

describe('verifyDetachedCms', () => {
  const cases: Array<[string, string, string[], string]> = [
    ['RSA PKCS #1 v1.5, SHA-256, DER', 'rsa', ['-md', 'sha256'], 'Jean Dupont Test'],
    ['RSA PKCS #1 v1.5, SHA-1, BER with indefinite lengths', 'rsa', ['-md', 'sha1', '-stream', '-indef'], 'Jean Dupont Test'],
    ['RSA-PSS, SHA-512, salt of 32 bytes', 'rsa', ['-md', 'sha512', '-keyopt', 'rsa_padding_mode:pss', '-keyopt', 'rsa_pss_saltlen:32'], 'Jean Dupont Test'],
    ['RSA-PSS, SHA-256, default salt (openssl cannot stream it)', 'rsa', ['-md', 'sha256', '-keyopt', 'rsa_padding_mode:pss'], 'Jean Dupont Test'],
    ['ECDSA P-384, SHA-384, signer named by key identifier', 'ec', ['-md', 'sha384', '-keyid'], 'Élodie Lefèvre Test'],
    ['RSA without signed attributes', 'rsa', ['-md', 'sha256', '-noattr'], 'Jean Dupont Test'],
  ];
  for (const [label, stem, extra, signer] of cases) {
    it(`accepts what openssl cms -verify accepts, and refuses the data changed: ${label}`, () => {
      const cms = sign(who(stem), extra);
      expect(opensslVerifies(cms)).toBe(true);
      const report = verifyDetachedCms(cms, () => DATA);
      expect(report).toMatchObject({ signataire: signer, integre: true });
      expect(report.detail).toBeUndefined();
      if (!extra.includes('-noattr')) expect(Math.abs(Date.parse(report.signingTime ?? '') - Date.now())).toBeLessThan(10 * 60_000);
      const changed = Buffer.from(DATA);
      changed[10] = (changed[10] ?? 0) ^ 1;
      expect(verifyDetachedCms(cms, () => changed)).toMatchObject({ signataire: signer, integre: false });
      // /Contents is padded with zeros after the CMS.
      const padded = new Uint8Array(cms.length + 200);
      padded.set(cms);
      expect(verifyDetachedCms(padded, () => DATA)).toMatchObject({ integre: true });
    });
  }

  it('reports a digest it does not take (SHA-224) in French, as the pkijs check did', () => {
    const cms = sign(who('rsa'), ['-md', 'sha224']);
    expect(verifyDetachedCms(cms, () => DATA)).toMatchObject({
      integre: false,
      detail: 'L’algorithme d’empreinte 2.16.840.1.101.3.4.2.4 de la signature n’est pas pris en charge.',
    });
  });

  it('reports a truncated CMS, bytes that are not a CMS and a CMS nested 100,000 levels deep as unreadable, without throwing', () => {
    const cms = sign(who('rsa'), ['-md', 'sha256']);
    expect(verifyDetachedCms(cms.subarray(0, cms.length - 40), () => DATA)).toMatchObject({ integre: false, detail: UNREADABLE });
    expect(verifyDetachedCms(new TextEncoder().encode('pas une signature'), () => DATA)).toMatchObject({ integre: false, detail: UNREADABLE });
    const deep = new Uint8Array(200_004);
    for (let i = 0; i < 100_000; i++) deep.set([0x30, 0x80], i * 2);
    expect(() => readDer(deep, 0)).toThrow(CmsError);
    expect(verifyDetachedCms(deep, () => DATA)).toMatchObject({ integre: false, detail: UNREADABLE });
  });
});
