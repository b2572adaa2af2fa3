/**
 * The contract of a platform settings rule (one per file in this folder), the settings' side of
 * ../rules/rule.ts: a pure function from the settings as written (schema-valid) to findings whose
 * paths are relative to `context.linkforge`. The loader reports each one as SETTINGS_INVALID at
 * its line and column in cdktf.json.
 */
import type { Finding } from '../rules/rule';
import type { SettingsDocument } from '../settings-schema';

export const SETTINGS_INVALID = 'SETTINGS_INVALID';

export interface SettingsRule {
  /** One line: what the rule protects against. */
  readonly description: string;
  check(settings: SettingsDocument): Finding[];
}
