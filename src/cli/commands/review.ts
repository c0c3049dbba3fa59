/**
 * `jianzhen review`: serves the analysts' review console (src/review) over the store, on loopback by default;
 * `--create-user NAME --role analyst|supervisor` adds an account instead (password from a hidden prompt or
 * `--password-stdin`). Takes the same NET flags as `jianzhen scan`, which the console's lead scans use.
 */
import { Option, type Command } from 'commander';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { loadConfig } from '../../config/index.js';
import { findChromium } from '../../crawler/browser.js';
import { createUser, listUsers, ROLES, type Role } from '../../data/accounts.js';
import { audit } from '../../data/review.js';
import { openStore } from '../../data/store.js';
import { JianzhenError, UsageError } from '../../errors.js';
import { DEFAULT_PORT, isLoopback, startConsole } from '../../review/server.js';

/**
 * The console's public address from --public-url, checked: an http(s) origin at its root (the console's
 * paths start at /), https unless it is loopback (a password must not cross a network in clear, and a
 * Secure cookie is dropped over http). Null when not given.
 */
export function publicUrlOf(value: string | undefined): string | null {
  if (value === undefined) return null;
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new UsageError(`--public-url ${value}: not a URL; give the address analysts open, e.g. https://review.example.gov.cn`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new UsageError(`--public-url ${value}: must start with https://`);
  if (u.pathname !== '/' || u.search || u.hash || u.username || u.password) {
    throw new UsageError(`--public-url ${value}: give the origin only (scheme, host, port); the console is served at the root of its address`);
  }
  if (u.protocol === 'http:' && !isLoopback(u.hostname)) {
    throw new UsageError(`--public-url ${value}: must be https:// beyond loopback (put an HTTPS reverse proxy in front of the console)`);
  }
  return u.origin;
}
import type { RegisterCommand } from '../options.js';
import { untilStopped } from '../../signals.js';

interface ReviewFlags {
  port: string;
  host: string;
  public?: boolean;
  publicUrl?: string;
  createUser?: string;
  role?: string;
  passwordStdin?: boolean;
  [k: string]: unknown;
}

/** Reads all of stdin (for --password-stdin); the trailing newline is dropped. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** Asks for a password on the terminal without echoing it. */
async function promptHidden(question: string): Promise<string> {
  if (!process.stdin.isTTY) throw new UsageError('no terminal to ask for the password: pipe it in with --password-stdin');
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  const out = rl as unknown as { _writeToOutput: (s: string) => void };
  let prompted = false;
  out._writeToOutput = (s: string) => {
    // Show the question once, then nothing of what is typed.
    if (!prompted) (process.stderr.write(s), (prompted = true));
  };
  try {
    return await new Promise<string>((resolve) => rl.question(question, resolve));
  } finally {
    rl.close();
    process.stderr.write('\n');
  }
}

async function createUserCommand(flags: ReviewFlags): Promise<number> {
  const name = flags.createUser!;
  if (!flags.role || !ROLES.includes(flags.role as Role)) throw new UsageError('--create-user needs --role analyst|supervisor');
  const config = loadConfig(flags);
  let password: string;
  if (flags.passwordStdin) password = await readStdin();
  else {
    password = await promptHidden(`password for ${name}: `);
    const again = await promptHidden('again: ');
    if (again !== password) throw new UsageError('the passwords differ');
  }
  if (password.length < 8) throw new UsageError('the password must have at least 8 characters');
  mkdirSync(dirname(config.db), { recursive: true });
  const store = await openStore(config.store);
  try {
    const user = await createUser(store, { name, role: flags.role as Role, password });
    await audit(store, { actor: 'cli', action: 'user.create', subject: user.name, detail: { role: user.role } });
    process.stdout.write(`created ${user.role} ${user.name} in ${store.location}\n`);
    return 0;
  } catch (err) {
    if (err instanceof JianzhenError && err.exitCode === 2) throw new UsageError(err.message);
    throw err;
  } finally {
    await store.close();
  }
}

async function serveCommand(flags: ReviewFlags): Promise<number> {
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port ${flags.port}: expected 0–65535`);
  if (!isLoopback(flags.host) && !flags.public) {
    throw new UsageError(`--host ${flags.host}: the console binds only loopback addresses unless --public is given`);
  }
  const publicUrl = publicUrlOf(flags.publicUrl);
  if (flags.public && !publicUrl?.startsWith('https:')) {
    throw new UsageError('--public needs --public-url https://… : the address analysts open through the HTTPS reverse proxy in front of the console');
  }
  const config = loadConfig(flags);
  let chromiumPath: string | null = null;
  try {
    chromiumPath = findChromium(config.chromium);
  } catch (err) {
    // Reviewing needs no browser; only lead scans and evidence packets do.
    process.stderr.write(`review: ${err instanceof Error ? err.message.split('\n')[0] : String(err)} — lead scans and evidence packets are off\n`);
  }
  mkdirSync(dirname(config.db), { recursive: true });
  // On a cluster, lead scans and evidence builds go on the Redis queue: any console runs them, and a restart loses none.
  const redis = config.redis === null ? null : await (await import('../../pipeline/cluster/queues.js')).connectRedis(config.redis);
  const QueueJobs = redis === null ? null : (await import('../../review/jobs/queue.js')).QueueJobs;
  const store = await openStore(config.store);
  const capture = chromiumPath
    ? { chromiumPath, proxy: config.proxy, dnsServer: config.dns, whoisServer: config.whois, allowPrivate: config.allowPrivate, concurrency: 1 }
    : null;
  const running = await startConsole({
    store,
    capture,
    identity: { proxy: config.proxy, dns: config.dns, whois: config.whois, allowPrivate: config.allowPrivate },
    host: flags.host,
    port,
    publicUrl,
    jobRunner: redis && QueueJobs ? (handlers, disabled) => new QueueJobs(store, redis, handlers, { disabled }) : null,
  }).catch(async (err: NodeJS.ErrnoException) => {
    await store.close();
    redis?.disconnect();
    if (err.code === 'EADDRINUSE') throw new UsageError(`--port ${port}: already in use (try --port 0 for any free port)`);
    throw err;
  });
  if ((await listUsers(store)).length === 0) {
    process.stderr.write('review: no accounts yet — create one:  npx jianzhen review --create-user NAME --role supervisor\n');
  }
  if (publicUrl) process.stderr.write(`review: analysts open ${publicUrl}/ (requests for any other host are refused; the proxy must pass the Host header on)\n`);
  process.stdout.write(`${running.url}/\n`);
  process.stderr.write(`review: console at ${running.url}/ over ${store.location}; Ctrl-C to stop\n`);
  await untilStopped({ ownWay: true });
  await running.close();
  await store.close();
  redis?.disconnect();
  return 0;
}

/** Registers `jianzhen review`. */
export const registerReview: RegisterCommand = (program: Command, setExit) => {
  program
    .command('review')
    .description('serve the analysts’ review console (zh-CN) on 127.0.0.1, or add a console account')
    .addOption(new Option('--port <n>', 'port to listen on (0 = any free port)').default(String(DEFAULT_PORT)))
    .addOption(new Option('--host <addr>', 'address to bind; loopback only unless --public').default('127.0.0.1'))
    .option('--public', 'allow --host to be a non-loopback address (needs --public-url https://…)')
    .option('--public-url <url>', 'the https:// address analysts open through the reverse proxy in front of the console')
    .option('--create-user <name>', 'add a console account and exit (with --role)')
    .addOption(new Option('--role <role>', 'role of the new account').choices(['analyst', 'supervisor']))
    .option('--password-stdin', 'read the new account’s password from stdin instead of prompting')
    .option('--proxy <url>', 'lead scans: send every HTTP(S) request through this HTTP proxy')
    .option('--dns <host:port>', 'lead scans: resolver used for the DNS checks')
    .option('--whois <host:port>', 'lead scans: send every WHOIS query to this server')
    .option('--allow-private', 'lead scans: allow targets that resolve to loopback, private or link-local addresses')
    .option('--db <file>', 'SQLite store (default .jianzhen/jianzhen.db, or $JIANZHEN_DB)')
    .option('--database <url>', 'PostgreSQL store postgres://… (or $JIANZHEN_DATABASE) instead of the SQLite file')
    .option('--artifacts <s3-url|dir>', 'artifact store: s3://BUCKET/PREFIX or a folder (default: beside the SQLite file)')
    .option('--artifacts-endpoint <url>', 'endpoint of an S3-compatible store (default $AWS_ENDPOINT_URL_S3)')
    .option('--chromium <path>', 'Chromium binary for lead scans and evidence packets')
    .option('--redis <url>', 'run lead scans and evidence builds on this Redis queue (or $JIANZHEN_REDIS), shared by every console of the store: a job survives a restart and runs once')
    .action(async (flags: ReviewFlags) => setExit(flags.createUser !== undefined ? await createUserCommand(flags) : await serveCommand(flags)));
};
