/**
 * The EC2 client linkforge uses for its read-only calls: one per region, with the SDK's adaptive
 * retry mode, so throttling (`RequestLimitExceeded`, `Throttling`) and transient errors are
 * retried with backoff and a client-side rate limiter by the SDK itself before a call is reported
 * as failed.
 */
import { EC2Client, type EC2ClientConfig } from '@aws-sdk/client-ec2';

/** What linkforge needs of an EC2 client (a real one, or a mocked one in tests and benchmarks). */
export type Ec2Like = Pick<EC2Client, 'send'>;

/**
 * Attempts per call, first included. EC2 throttles per account and API family; with adaptive
 * retries 8 attempts ride out a burst of tens of seconds, after which the region is reported as
 * unreachable rather than hanging a scheduled job.
 */
const MAX_ATTEMPTS = 8;

export function ec2Client(region: string, config: EC2ClientConfig = {}): EC2Client {
  return new EC2Client({ region, maxAttempts: MAX_ATTEMPTS, retryMode: 'adaptive', ...config });
}
