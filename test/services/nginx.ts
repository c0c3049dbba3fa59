/**
 * A real HTTPS reverse proxy for the console's end-to-end test: Debian's nginx (`npm run setup` installs it)
 * in a temp folder, with a self-signed certificate made by openssl for a test host name, terminating TLS on a
 * free loopback port and passing requests to the console as the README's deployment does (the original Host,
 * X-Forwarded-For and X-Forwarded-Proto). One process (master_process off), stopped and removed after.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from './postgres.js';

/** The nginx binary, or null when it is not installed. */
export function nginxBinary(): string | null {
  for (const p of ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx']) if (fs.existsSync(p)) return p;
  return null;
}

export interface HttpsProxy {
  /** https://HOST:PORT — what a browser opens (HOST resolves to 127.0.0.1 only for the test's browser). */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** Picks the proxy's port first: the console must know its public URL before it starts. */
export function proxyPort(): Promise<number> {
  return freePort();
}

/** Starts nginx on 127.0.0.1:port with TLS for `host`, proxying to http://127.0.0.1:upstreamPort. */
export async function startHttpsProxy(opts: { host: string; port: number; upstreamPort: number }): Promise<HttpsProxy> {
  const bin = nginxBinary();
  if (!bin) throw new Error('nginx is not installed: run `npm run setup` (it installs Debian nginx)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jianzhen-nginx-'));
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${opts.host}`, '-addext', `subjectAltName=DNS:${opts.host}`, '-keyout', key, '-out', cert], { stdio: 'ignore' });
  const conf = path.join(dir, 'nginx.conf');
  fs.writeFileSync(
    conf,
    `daemon off;
master_process off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  client_max_body_size 12m;
  server {
    listen 127.0.0.1:${opts.port} ssl;
    server_name ${opts.host};
    ssl_certificate ${cert};
    ssl_certificate_key ${key};
    location / {
      proxy_pass http://127.0.0.1:${opts.upstreamPort};
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
    }
  }
}
`,
  );
  const child: ChildProcess = spawn(bin, ['-p', dir, '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Ready when the port accepts connections; an early exit is a start failure with nginx's own words.
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`nginx did not start: ${stderr || fs.readFileSync(path.join(dir, 'error.log'), 'utf8')}`);
    const open = await new Promise<boolean>((resolve) => {
      const s = net.connect(opts.port, '127.0.0.1', () => (s.destroy(), resolve(true)));
      s.once('error', () => resolve(false));
    });
    if (open) break;
    if (i > 200) throw new Error('nginx did not open its port within the wait');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `https://${opts.host}:${opts.port}`,
    host: opts.host,
    port: opts.port,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
