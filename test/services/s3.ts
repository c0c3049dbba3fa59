/**
 * A real S3-compatible server for tests: s3rver on loopback, a free port, its objects in a temp folder,
 * one bucket ("jianzhen") made at start; stopped and removed after. s3rver checks request signatures
 * against its fixed key pair (S3RVER / S3RVER).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import S3rver from 's3rver';
import type { ArtifactLocation } from '../../src/data/artifacts.js';

export interface S3Server {
  readonly endpoint: string;
  readonly bucket: string;
  /** The folder s3rver keeps objects in (to check what a test stored, and to tamper with it). */
  readonly directory: string;
  /** An artifact location in the bucket under `prefix`, with the server's credentials. */
  location(prefix?: string): Extract<ArtifactLocation, { kind: 's3' }>;
  /** The environment a `jianzhen` child process needs to reach the bucket. */
  env(): Record<string, string>;
  stop(): Promise<void>;
}

export const S3_KEY = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

/** Starts s3rver with one bucket. */
export async function startS3(bucket = 'jianzhen'): Promise<S3Server> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'jianzhen-s3-'));
  const server = new S3rver({ port: 0, address: '127.0.0.1', directory, silent: true, configureBuckets: [{ name: bucket, configs: [] }] });
  const { port } = (await server.run()) as { port: number };
  const endpoint = `http://127.0.0.1:${port}`;
  let stopped = false;
  return {
    endpoint,
    bucket,
    directory,
    location: (prefix = '') => ({ kind: 's3', bucket, prefix, endpoint, region: null, credentials: { ...S3_KEY } }),
    env: () => ({ AWS_ACCESS_KEY_ID: S3_KEY.accessKeyId, AWS_SECRET_ACCESS_KEY: S3_KEY.secretAccessKey, AWS_ENDPOINT_URL_S3: endpoint, AWS_REGION: 'us-east-1' }),
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        await server.close();
      } finally {
        fs.rmSync(directory, { recursive: true, force: true });
      }
    },
  };
}
