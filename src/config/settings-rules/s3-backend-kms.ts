/**
 * State holds the VPN pre-shared keys. With SSE-S3 (the bucket's own key) anyone allowed
 * s3:GetObject reads them; a KMS key adds kms:Decrypt on that key as a second, audited gate.
 */
import { error } from '../rules/support';
import { SETTINGS_INVALID, type SettingsRule } from './rule';

export const s3BackendKms: SettingsRule = {
  description: 'The S3 state backend encrypts state with a customer-managed KMS key.',
  check({ backend }) {
    if (backend?.type !== 's3' || backend.kmsKeyId !== undefined) return [];
    return [
      error(
        SETTINGS_INVALID,
        ['backend'],
        'the S3 backend needs kmsKeyId: state holds the VPN pre-shared keys, and without a KMS key (SSE-S3) ' +
          'anyone who may read the bucket reads them; add "kmsKeyId": "arn:aws:kms:<region>:<account>:key/<id>" ' +
          '(or "alias/<name>"), a customer-managed key whose policy lets only the plan and deploy roles decrypt ' +
          '(docs/security.md)',
      ),
    ];
  },
};
