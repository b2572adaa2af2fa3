/**
 * s3rver, a real S3 API server, on loopback for remote-state tests: one place for its start-up,
 * its hand-written types (the package ships none) and the credentials it accepts.
 */
import type { AddressInfo } from 'net';

interface S3rverServer {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver') as new (opts: Record<string, unknown>) => S3rverServer;

/** s3rver verifies SigV4 signatures with its one built-in key pair; no AWS metadata lookups. */
export const S3RVER_CREDENTIALS = {
  AWS_ACCESS_KEY_ID: 'S3RVER',
  AWS_SECRET_ACCESS_KEY: 'S3RVER',
  AWS_EC2_METADATA_DISABLED: 'true',
} as const;

export interface RunningS3rver {
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  close(): Promise<void>;
}

/** Starts s3rver on a free loopback port, storing objects under `directory`, with `bucket` created. */
export async function startS3rver(directory: string, bucket: string): Promise<RunningS3rver> {
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const { port } = await server.run();
  return { endpoint: `http://127.0.0.1:${port}`, close: () => server.close() };
}
