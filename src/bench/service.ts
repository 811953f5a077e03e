/**
 * `npm run bench:service`: the HTTP service under load on loopback — 20 concurrent clients (autocannon) for 15 s per
 * scenario (`--duree 60` for the 60 s): the health check (the baseline of this run: HTTP, the log, helmet and
 * nothing else), the validation of a fiche client, the rendering of a fiche client to PDF, and the upload of a
 * returned PDF (each upload different bytes: a comment appended after %%EOF, so none is a duplicate). Prints
 * requests/s, p50/p99 latency, errors and non-2xx answers per scenario, and the server's resident memory (start and
 * end of each scenario, its peak and its mean per quarter of the scenario, sampled every 250 ms; VmHWM at the end),
 * the server's CPU time per request (all its threads), and the machine's load average at the start (other work on
 * the machine skews every latency figure). The server is a separate process started from the CLI on a
 * fresh data folder.
 *
 * Options: --duree S (seconds per scenario, default 15), --clients N (default 20), --scenarios LIST (comma-separated
 * among sante, validation, rendu, depot; default all), --profil DIR (the server runs with `--cpu-prof` and writes its
 * main thread's profile into DIR when it stops).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const { values } = parseArgs({ options: { duree: { type: 'string', default: '15' }, clients: { type: 'string', default: '20' }, scenarios: { type: 'string', default: 'sante,validation,rendu,depot' }, profil: { type: 'string' } } });
const DURATION = Number(values.duree);
const CLIENTS = Number(values.clients);
const CHOSEN = new Set(values.scenarios.split(',').map((s) => s.trim()));
const ADMIN = { email: 'admin@example.fr', motDePasse: 'mot-de-passe-du-banc' };
const SCHOOL = { email: 'ecole@example.fr', motDePasse: 'mot-de-passe-ecole-banc', role: 'etablissement', etablissement: 'Banc' };

/** Returns the resident set (current and peak) of a process, in MiB, from /proc. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

/** Returns the CPU time (user + system, every thread) a process has used, in ms, from /proc (clock ticks of 1/100 s). */
function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function json(url: string, init: RequestInit): Promise<Record<string, unknown>> {
  const r = await fetch(url, init);
  if (!r.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${r.status} ${await r.text()}`);
  return (await r.json()) as Record<string, unknown>;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'paperasse-banc-'));
  const profiling = values.profil === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', values.profil];
  const child = spawn(process.execPath, [...profiling, join(ROOT, 'src/cli/paperasse.mjs'), 'serve', '--port', '0'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, PAPERASSE_DATA_DIR: dir, PAPERASSE_ADMIN_EMAIL: ADMIN.email, PAPERASSE_ADMIN_MOT_DE_PASSE: ADMIN.motDePasse, PAPERASSE_COOKIE_NON_SECURISE: '1', PAPERASSE_LOG_LEVEL: 'warn' },
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /écoute sur (http:\/\/\S+)/.exec(out);
        if (m?.[1] !== undefined) resolve(m[1]);
      });
      child.once('exit', (code) => reject(new Error(`the server ended (${code}) before listening`)));
    });
    const pid = child.pid ?? 0;
    const post = (body: unknown, cookie?: string): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json', ...(cookie !== undefined && { cookie }) }, body: JSON.stringify(body) });
    const login = async (account: { email: string; motDePasse: string }): Promise<string> => {
      const r = await fetch(`${url}/api/session`, post({ email: account.email, motDePasse: account.motDePasse }));
      return (r.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    };
    await json(`${url}/api/comptes`, post(SCHOOL, await login(ADMIN)));
    const token = String((await json(`${url}/api/jetons`, { method: 'POST', headers: { cookie: await login(SCHOOL) } })).jeton);
    const auth = { authorization: `Bearer ${token}` };
    const fiche = readFileSync(join(ROOT, 'samples/fiche-client.json'), 'utf8');
    const returned = readFileSync(join(ROOT, 'samples/renvoyes/fiche-client-remplie.pdf'));
    const boundary = 'paperasse-banc';
    const uploadBody = (): Buffer =>
      Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="fichiers"; filename="fiche.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
        returned,
        Buffer.from(`\n% banc ${randomBytes(8).toString('hex')}\n`),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);

    // Warm-up, just before the rendering scenario: the first renderings start their worker threads (seconds, once per
    // worker, one per core, src/pdf/sandbox.ts); idle workers end after 30 s, so a warm-up before the other scenarios
    // would be lost.
    const render = () => fetch(`${url}/api/formulaires/fiche-client/rendu`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: fiche });
    const warmRendering = async () => {
      await Promise.all([render(), render()]);
      await Promise.all([render(), render()]);
    };

    const scenarios: Array<{ cle: string; nom: string; options: autocannon.Options; chauffe?: () => Promise<void> }> = [
      { cle: 'sante', nom: 'santé (référence)', options: { url: `${url}/sante` } },
      { cle: 'validation', nom: 'validation fiche client', options: { url: `${url}/api/formulaires/fiche-client/validation`, method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: fiche } },
      { cle: 'rendu', nom: 'rendu PDF fiche client', chauffe: warmRendering, options: { url: `${url}/api/formulaires/fiche-client/rendu?format=pdf`, method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: fiche } },
      {
        cle: 'depot',
        nom: 'dépôt d’un PDF renvoyé',
        options: {
          url: `${url}/api/depots`,
          method: 'POST',
          headers: { ...auth, 'content-type': `multipart/form-data; boundary=${boundary}` },
          requests: [{ setupRequest: (req) => ({ ...req, body: uploadBody() }) }],
        },
      },
    ];
    const lines = [
      `${CLIENTS} clients, ${DURATION} s par scénario, Node ${process.version}, charge moyenne de la machine au départ ${loadavg()[0]?.toFixed(2)}`,
      'scénario                   req/s    p50 ms   p99 ms   erreurs  non-2xx  CPU serveur ms/req  RSS début→fin Mio  pic du scénario  RSS par quart du scénario (moyenne Mio)',
    ];
    for (const s of scenarios.filter((c) => CHOSEN.has(c.cle))) {
      await s.chauffe?.();
      const before = memoryOf(pid);
      const cpuBefore = cpuMsOf(pid);
      // The server's resident memory sampled every 250 ms: its peak during this scenario and its mean per quarter of
      // the run, which shows whether it keeps growing (VmHWM is the peak since the server started).
      const samples: Array<{ at: number; rss: number }> = [];
      const started = Date.now();
      const sampler = setInterval(() => samples.push({ at: Date.now() - started, rss: memoryOf(pid).rss }), 250);
      const result = await autocannon({ ...s.options, connections: CLIENTS, duration: DURATION, timeout: 120 });
      clearInterval(sampler);
      const after = memoryOf(pid);
      // The server's CPU time per answered request: what a request costs whatever else the machine runs.
      const cpuPerRequest = (cpuMsOf(pid) - cpuBefore) / Math.max(1, result.requests.total);
      const span = Math.max(1, Date.now() - started);
      const quarters = [0, 1, 2, 3].map((q) => {
        const inQuarter = samples.filter((x) => Math.min(3, Math.floor((x.at / span) * 4)) === q).map((x) => x.rss);
        return inQuarter.length === 0 ? '-' : (inQuarter.reduce((a, b) => a + b, 0) / inQuarter.length).toFixed(0);
      });
      const peak = Math.max(before.rss, after.rss, ...samples.map((x) => x.rss));
      lines.push(
        `${s.nom.padEnd(24)} ${result.requests.average.toFixed(1).padStart(7)} ${String(result.latency.p50).padStart(9)} ${String(result.latency.p99).padStart(8)} ${String(result.errors + result.timeouts).padStart(9)} ${String(result.non2xx).padStart(8)}  ${cpuPerRequest.toFixed(2).padStart(18)}  ${before.rss.toFixed(0).padStart(6)}→${after.rss.toFixed(0).padEnd(6)}       ${peak.toFixed(0).padStart(6)}           ${quarters.join(' / ')}`,
      );
    }
    lines.push(`pic de mémoire résidente du serveur depuis son démarrage (VmHWM) : ${memoryOf(pid).peak.toFixed(0)} Mio`);
    const pending = (await json(`${url}/api/depots?statut=en-attente`, { headers: auth })).depots as unknown[];
    lines.push(`dépôts encore en attente de lecture à la fin : ${pending.length}`);
    console.log(lines.join('\n'));
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
