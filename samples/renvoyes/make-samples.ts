/**
 * Makes the returned-PDF samples of `paperasse extract` (run from the repository root: `npx tsx samples/renvoyes/make-samples.ts`).
 * Each one is a form Paperasse rendered, then handled by tools Paperasse did not write, as a tutor or a secretariat would:
 * - fiche-client-remplie.pdf: the pre-filled fillable fiche client, retyped by `pdftk fill_form` with the client's name
 *   changed to « LE MARCHAND » (read from its fields, one modification);
 * - fiche-client-signee.pdf: the same file signed (PAdES, adbe.pkcs7.detached) with a throw-away certificate made by
 *   openssl, CN « Julien Lemarchand (certificat de test) »;
 * - page-de-garde-aplatie.pdf: the fillable page de garde flattened by `qpdf --flatten-annotations=all` and stripped of
 *   its attachment (read from the text layer).
 * Needs pdftk, qpdf and openssl, and the dev dependencies (@signpdf).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
import { P12Signer } from '@signpdf/signer-p12';
import { PDFDocument } from 'pdf-lib';
import { Paperasse } from '../../src/api.ts';
import { FORMS } from '../../src/forms/registry.ts';
import { Resolver } from '../../src/render/model.ts';
import { createSchemaCatalog } from '../../src/core/schemas.ts';
import { fieldsOf } from '../../src/extract/identify.ts';
import { typedValues, xfdf } from '../../test/extract/fillers.ts';

const HERE = fileURLToPath(new URL('./', import.meta.url));
const SAMPLES = fileURLToPath(new URL('../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'paperasse-renvoyes-'));
const paperasse = new Paperasse();

/** Returns the sample of a form as validation returns it (computed values filled in). */
function sample(id: string): unknown {
  const data: unknown = JSON.parse(readFileSync(join(SAMPLES, `${id}.json`), 'utf8'));
  const validation = paperasse.validate(id, data);
  if (!validation.ok || !validation.valeur.valide) throw new Error(`${id}: the sample does not validate`);
  return validation.valeur.donnees ?? data;
}

/** Returns the fillable PDF of a form pre-filled with `data`. */
async function fillable(id: string, data: unknown): Promise<Uint8Array> {
  const outcome = await paperasse.renderPdf(id, { donnees: data, remplissable: true });
  if (!outcome.ok) throw new Error(outcome.erreur.message);
  return outcome.octets;
}

try {
  // 1. The fiche client retyped with pdftk, the client's name changed.
  const client = sample('fiche-client');
  const form = FORMS.find((f) => f.id === 'fiche-client');
  if (form === undefined) throw new Error('fiche-client is not registered');
  const fields = fieldsOf(new Resolver(createSchemaCatalog()).resolve(form.template, client));
  const typed = typedValues(fields).map((t) => ('text' in t && t.name === 'nom' ? { ...t, text: 'LE MARCHAND' } : t));
  writeFileSync(join(work, 'fiche-client.pdf'), await fillable('fiche-client', client));
  writeFileSync(join(work, 'fiche-client.xfdf'), xfdf(typed));
  const filled = join(HERE, 'fiche-client-remplie.pdf');
  // need_appearances: pdftk cannot draw text in the fields' Unicode (Type0) font; viewers redraw the fields instead.
  execFileSync('pdftk', [join(work, 'fiche-client.pdf'), 'fill_form', join(work, 'fiche-client.xfdf'), 'output', filled, 'need_appearances']);

  // 2. The same, signed with a throw-away certificate.
  const key = join(work, 'cle.pem');
  const cert = join(work, 'cert.pem');
  const p12 = join(work, 'id.p12');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '3650', '-utf8', '-subj', '/CN=Julien Lemarchand (certificat de test)'], { stdio: 'ignore' });
  execFileSync('openssl', ['pkcs12', '-export', '-inkey', key, '-in', cert, '-out', p12, '-passout', 'pass:test']);
  const doc = await PDFDocument.load(readFileSync(filled), { updateMetadata: false });
  pdflibAddPlaceholder({ pdfDoc: doc, reason: 'Visa de la fiche client', contactInfo: 'julien.lemarchand@exemple.fr', name: 'Julien Lemarchand', location: 'Rezé' });
  const withPlaceholder = Buffer.from(await doc.save({ useObjectStreams: false }));
  const signed = await new SignPdf().sign(withPlaceholder, new P12Signer(readFileSync(p12), { passphrase: 'test' }));
  writeFileSync(join(HERE, 'fiche-client-signee.pdf'), signed);

  // 3. The page de garde flattened by qpdf, its attachment removed.
  writeFileSync(join(work, 'page-de-garde.pdf'), await fillable('page-de-garde', sample('page-de-garde')));
  execFileSync('qpdf', ['--flatten-annotations=all', join(work, 'page-de-garde.pdf'), join(work, 'aplatie.pdf')]);
  execFileSync('qpdf', ['--remove-attachment=paperasse.json', join(work, 'aplatie.pdf'), join(HERE, 'page-de-garde-aplatie.pdf')]);
  console.log(`samples written in ${HERE}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
