/**
 * A fiche rendered by the service's worker threads (its bytes moved, not copied, out of the worker): several renderings
 * in a row each give a whole, valid PDF with the same text as one rendered in this process, and every page's QR code
 * reads back as its page's identity.
 */
import { describe, expect, it } from 'vitest';
import { inWorker } from '../../server/workers.ts';
import { qrPayload } from '../../src/render/qr.ts';
import { paperasse, readJson } from '../helpers.ts';
import { pdfInfo, pdfText, qpdfCheck, readPageQr, save, tempDir } from './tools.ts';

const dir = tempDir('worker-rendering');
const donnees = readJson('samples/fiche-client.json');

describe('rendering in the service workers', () => {
  it('gives whole PDFs, one after the other, with the text of an in-process rendering and readable QR codes', async () => {
    const p = paperasse();
    const form = p.form('fiche-client');
    if (!form.ok) throw new Error(form.erreur.message);
    const local = await p.renderPdf('fiche-client', { donnees });
    if (!local.ok) throw new Error(local.erreur.message);
    const expectedText = pdfText(save(dir, 'local.pdf', local.octets));
    const sizes: number[] = [];
    for (let i = 0; i < 3; i++) {
      const outcome = await inWorker({ tache: 'rendu', formulaire: 'fiche-client', format: 'pdf', donnees, remplissable: false, brouillon: false });
      if (!outcome.ok) throw new Error(outcome.erreur.message);
      const octets = outcome.octets ?? new Uint8Array();
      sizes.push(octets.byteLength);
      const path = save(dir, `worker-${i}.pdf`, octets);
      expect(qpdfCheck(path).status).toBe(0);
      expect(pdfText(path)).toBe(expectedText);
      const pages = Number(pdfInfo(path).Pages);
      expect(pages).toBeGreaterThan(1);
      const documentId = /;d=([0-9a-f]{16});/.exec(readPageQr(path, 1) ?? '')?.[1];
      expect(documentId).toBeDefined();
      for (let page = 1; page <= pages; page++) {
        expect(readPageQr(path, page)).toBe(qrPayload({ form: 'fiche-client', version: form.valeur.version, documentId: documentId ?? '', page, pages }));
      }
    }
    expect(new Set(sizes).size).toBe(1);
  }, 120_000);
});
