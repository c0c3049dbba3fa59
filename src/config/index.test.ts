import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { copyConfig, loadConfig } from './index.js';

const PG = 'postgres://jianzhen:secret@db.internal:5432/jianzhen';

describe('store selection', () => {
  it('takes --database, else --db, else $JIANZHEN_DATABASE, else $JIANZHEN_DB: a flag beats the environment', () => {
    const env = { JIANZHEN_DATABASE: PG, JIANZHEN_DB: '/var/lib/jz/env.db' };
    expect(loadConfig({ database: 'postgres://other/x' }, env).store.database).toBe('postgres://other/x');
    expect(loadConfig({ db: 'flag.db' }, env).store.database).toBe(resolve('flag.db'));
    expect(loadConfig({}, env).store).toMatchObject({ database: PG, home: '/var/lib/jz', artifacts: null });
    expect(loadConfig({}, { JIANZHEN_DB: '/var/lib/jz/env.db' }).store).toMatchObject({ database: '/var/lib/jz/env.db', home: '/var/lib/jz' });
    expect(loadConfig({}, {}).store.database).toBe(resolve('.jianzhen/jianzhen.db'));
    expect(() => loadConfig({ database: PG, db: 'x.db' }, {})).toThrow(/--database or --db, not both/);
    expect(() => loadConfig({ database: 'mysql://x/y' }, {})).toThrow(UsageError);
  });

  it('reads s3:// artifacts with the AWS variables, or a folder, and never prints a password', () => {
    const env = { AWS_ACCESS_KEY_ID: 'AK', AWS_SECRET_ACCESS_KEY: 'SK', AWS_REGION: 'cn-north-1', AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:9000' };
    expect(loadConfig({ artifacts: 's3://evidence/jianzhen/' }, env).store.artifacts).toEqual({
      kind: 's3',
      bucket: 'evidence',
      prefix: 'jianzhen',
      endpoint: 'http://127.0.0.1:9000',
      region: 'cn-north-1',
      credentials: { accessKeyId: 'AK', secretAccessKey: 'SK' },
    });
    expect(loadConfig({ artifacts: 's3://evidence', artifactsEndpoint: 'http://minio:9000' }, {}).store.artifacts).toMatchObject({ endpoint: 'http://minio:9000', credentials: null });
    expect(loadConfig({}, { JIANZHEN_ARTIFACTS: '/srv/artifacts' }).store.artifacts).toEqual({ kind: 'file', root: '/srv/artifacts' });
    expect(() => loadConfig({ artifactsEndpoint: 'http://minio:9000' }, {})).toThrow(/needs --artifacts/);
    expect(() => loadConfig({ artifacts: 's3://Bad_Bucket/x' }, {})).toThrow(UsageError);
    expect(() => loadConfig({ artifacts: 'gs://bucket/x' }, {})).toThrow(UsageError);
    const err = (() => {
      try {
        loadConfig({ database: 'ftp://jz:secret@h/x' }, {});
      } catch (e) {
        return e as Error;
      }
      return null;
    })();
    expect(err?.message).not.toContain('secret');
  });

  it('gives db copy its two stores, and refuses one store copied onto itself', () => {
    const { from, to } = copyConfig({ from: 'old/jianzhen.db', to: PG, artifactsTo: 's3://evidence/copied' }, { JIANZHEN_DB: '/var/lib/jz/x.db' });
    expect(from).toEqual({ database: resolve('old/jianzhen.db'), artifacts: null, home: resolve('old') });
    expect(to).toMatchObject({ database: PG, home: '/var/lib/jz', artifacts: { kind: 's3', bucket: 'evidence', prefix: 'copied' } });
    expect(() => copyConfig({ from: 'a.db', to: 'a.db' }, {})).toThrow(/same store/);
    expect(() => copyConfig({ from: 'a.db' }, {})).toThrow(/--to/);
  });
});

describe('how long a scan waits for a locked store', () => {
  it('takes --store-wait in whole seconds, leaves the default to the scan, and refuses anything else by name', () => {
    expect(loadConfig({}, {}).storeWait).toBeNull();
    expect(loadConfig({ storeWait: '5' }, {}).storeWait).toBe(5);
    for (const bad of ['0', '1.5', 'soon', '-3']) expect(() => loadConfig({ storeWait: bad }, {}), bad).toThrow(/^--store-wait: /);
  });
});
