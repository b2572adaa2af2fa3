import * as fs from 'fs';
import * as path from 'path';
import { isLockError, lockErrorMessage, parseLockInfo, stateLocation } from '../../src/terraform/state-lock';
import { removeTempDirs, tempDir } from './helpers';

afterAll(removeTempDirs);

// Terraform 1.11's output when a DynamoDB lock is held (box-drawing prefixes as printed with colour off).
const LOCKED = `
╷
│ Error: Error acquiring the state lock
│
│ Error message: operation error DynamoDB: PutItem, https response error StatusCode: 400,
│ RequestID: 1, ConditionalCheckFailedException: The conditional request failed
│ Lock Info:
│   ID:        0f6c1d52-8f6e-2d3b-97b1-1c2d3e4f5a6b
│   Path:      linkforge-state/customers/acme-corp/terraform.tfstate
│   Operation: OperationTypePlan
│   Who:       runner@ci-42
│   Version:   1.11.4
│   Created:   2026-11-30 15:00:07.123456789 +0000 UTC
│   Info:
│
│
│ Terraform acquires a state lock to protect the state from being written
│ by multiple users at the same time. Please resolve the issue above and try
│ again. For most commands, you can disable locking with the "-lock=false"
│ flag, but this is not recommended.
╵
`;

describe('state locks', () => {
  it("reads who holds the lock since when from Terraform's Lock Info", () => {
    expect(isLockError(LOCKED)).toBe(true);
    expect(parseLockInfo(LOCKED)).toEqual({
      id: '0f6c1d52-8f6e-2d3b-97b1-1c2d3e4f5a6b',
      path: 'linkforge-state/customers/acme-corp/terraform.tfstate',
      operation: 'plan',
      who: 'runner@ci-42',
      version: '1.11.4',
      created: '2026-11-30 15:00:07 +0000 UTC',
    });
    expect(parseLockInfo('Error: something else')).toBeUndefined();
  });

  it('says which customer, who, since when, the warning, and the exact recovery command', () => {
    const msg = lockErrorMessage(parseLockInfo(LOCKED), {
      id: 'acme-corp',
      stackDir: 'cdktf.out/stacks/acme-corp',
      waitedSeconds: 120,
    });
    expect(msg).toBe(
      'the state of customer acme-corp (linkforge-state/customers/acme-corp/terraform.tfstate) is locked ' +
        'by runner@ci-42 since 2026-11-30 15:00:07 +0000 UTC (terraform plan, Terraform 1.11.4, lock ID 0f6c1d52-8f6e-2d3b-97b1-1c2d3e4f5a6b); ' +
        'waited 120s (platform setting lockTimeoutSeconds). If that run is still going, wait for it and plan again. ' +
        'Only if no run of acme-corp is alive (check CI jobs and colleagues first: unlocking under a live run can corrupt its state), ' +
        'release the lock with: terraform -chdir=cdktf.out/stacks/acme-corp force-unlock -force 0f6c1d52-8f6e-2d3b-97b1-1c2d3e4f5a6b',
    );
  });

  it('without Lock Info still names the state and points at the log', () => {
    const msg = lockErrorMessage(undefined, { id: 'x', stackDir: 'd', waitedSeconds: 0, state: 's3://b/k' });
    expect(msg).toContain('the state of customer x (s3://b/k) is locked (Terraform did not say by whom)');
    expect(msg).toContain('force-unlock -force <lock ID from terraform.log>');
  });

  it('finds the state of a stack: the S3 object or the local file', () => {
    const dir = tempDir('state-loc');
    const write = (backend: unknown) =>
      fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify({ terraform: { backend } }));
    write({ s3: { bucket: 'b', key: 'linkforge/acme/terraform.tfstate' } });
    expect(stateLocation(dir)).toBe('s3://b/linkforge/acme/terraform.tfstate');
    write({ local: { path: '../../state/acme/terraform.tfstate' } });
    expect(stateLocation(dir)).toBe(path.resolve(dir, '../../state/acme/terraform.tfstate'));
    expect(stateLocation(path.join(dir, 'missing'))).toBeUndefined();
  });
});
