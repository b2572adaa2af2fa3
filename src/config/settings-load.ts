/**
 * Reading the platform settings from `context.linkforge` in cdktf.json (cdktf's own place for app
 * configuration), validated like a customer file: the settings schema (./settings-schema.ts), then
 * the settings rules (./settings-rules), each problem reported at its line and column in
 * cdktf.json with the code SETTINGS_INVALID.
 *
 * No cdktf.json at the default path means default settings (a customers folder can be validated
 * on its own); a path given explicitly must exist. Any error means the defaults are used for the
 * rest of the run, so every customer file is still checked, and the exit status is 1.
 */
import * as path from 'path';
import { LineCounter, parseDocument } from 'yaml';
import type { Diagnostic } from './diagnostics';
import { TextPositions } from './position';
import { mapSchemaErrors } from './schema-errors';
import { COMMERCIAL_REGIONS, DEFAULT_SETTINGS } from './settings';
import type { BackendSettings, LogSettings, PlatformSettings } from './settings';
import { SETTINGS_RULES } from './settings-rules';
import { SETTINGS_INVALID } from './settings-rules/rule';
import { CDKTF_JSON_SCHEMA, type SettingsDocument } from './settings-schema';
import { validateCdktfJson } from './validators';
import { YamlSource } from './yaml-source';
import { readRegularFile } from '../fsutil/read-regular';
import { formatPath } from '../text/field-path';

/** cdktf.json is a few hundred bytes; anything past this is not a settings file. */
const MAX_SETTINGS_BYTES = 1024 * 1024;

const DEFAULT_CDKTF_JSON = 'cdktf.json';

/** Where the settings sit in cdktf.json: every settings path is printed from here. */
const SETTINGS_PATH = ['context', 'linkforge'];

export function loadSettings(cdktfJsonPath?: string): {
  settings: PlatformSettings;
  diagnostics: Diagnostic[];
} {
  const file = cdktfJsonPath ?? DEFAULT_CDKTF_JSON;
  const shown = displayPath(file);
  let text: string;
  try {
    // Capped like a customer file, and never through a link or from a pipe.
    text = readRegularFile(file, MAX_SETTINGS_BYTES);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (cdktfJsonPath === undefined && code === 'ENOENT')
      return { settings: DEFAULT_SETTINGS, diagnostics: [] };
    return fail(shown, 1, 1, `cannot read the platform settings file (${code ?? String(e)})`);
  }
  return parseSettings(shown, text);
}

/** Parse and check the text of a cdktf.json. Pure; `file` is only used in diagnostics. */
export function parseSettings(
  file: string,
  text: string,
): { settings: PlatformSettings; diagnostics: Diagnostic[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const offset = Number(/position (\d+)/.exec(message)?.[1] ?? 0);
    const { line, column } = new TextPositions(text).at(offset);
    return fail(file, line, column, `is not valid JSON: ${message}`);
  }
  // JSON is YAML 1.2 flow syntax, so the YAML parser gives us the node positions for free.
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, logLevel: 'silent' });
  const source = new YamlSource(file, text, doc, lineCounter);

  if (!validateCdktfJson(json)) {
    const diagnostics = mapSchemaErrors(source, json, validateCdktfJson.errors ?? [], {
      root: CDKTF_JSON_SCHEMA,
      code: SETTINGS_INVALID,
    });
    if (diagnostics.length > 0) return { settings: DEFAULT_SETTINGS, diagnostics };
  }
  // Schema-valid from here on: the settings as written are a SettingsDocument.
  const written: SettingsDocument =
    (json as { context?: { linkforge?: SettingsDocument } }).context?.linkforge ?? {};
  const diagnostics = SETTINGS_RULES.flatMap((rule) => rule.check(written)).map((f): Diagnostic => {
    const p = [...SETTINGS_PATH, ...f.path];
    return {
      file,
      ...source.locate(p),
      severity: 'error',
      code: f.code,
      path: formatPath(p),
      message: f.message,
    };
  });
  if (diagnostics.length > 0) return { settings: DEFAULT_SETTINGS, diagnostics };
  return { settings: toSettings(written), diagnostics: [] };
}

/** The settings as written, with every default applied. */
function toSettings(raw: SettingsDocument): PlatformSettings {
  const allowed = raw.allowedRegions;
  return {
    allowedRegions: Array.isArray(allowed) ? [...allowed].sort() : COMMERCIAL_REGIONS,
    defaultVendorCidr: raw.defaultVendorCidr ?? DEFAULT_SETTINGS.defaultVendorCidr,
    defaultAmazonSideAsn: raw.defaultAmazonSideAsn ?? DEFAULT_SETTINGS.defaultAmazonSideAsn,
    // The schema holds each list to exactly two zones.
    availabilityZones: (raw.availabilityZones as PlatformSettings['availabilityZones'] | undefined) ?? {},
    tags: raw.tags ?? {},
    backend: toBackend(raw.backend),
    lockTimeoutSeconds: raw.lockTimeoutSeconds ?? DEFAULT_SETTINGS.lockTimeoutSeconds,
    logs: toLogs(raw.logs),
    alarmTopicArns: [...(raw.alarmTopicArns ?? [])].sort(),
    quotas: raw.quotas ?? {},
  };
}

function toLogs(raw: SettingsDocument['logs']): LogSettings {
  const defaults = DEFAULT_SETTINGS.logs;
  const destination = raw?.flowLogDestination;
  return {
    retentionDays: raw?.retentionDays ?? defaults.retentionDays,
    kmsKeyArns: raw?.kmsKeyArns ?? defaults.kmsKeyArns,
    flowLogDestination:
      destination === undefined || destination === 'cloud-watch-logs'
        ? defaults.flowLogDestination
        : { type: 's3', arn: destination },
  };
}

function toBackend(raw: SettingsDocument['backend']): BackendSettings {
  if (!raw || raw.type === 'local') return { type: 'local', directory: raw?.directory ?? 'state' };
  return {
    type: 's3',
    bucket: raw.bucket,
    region: raw.region,
    keyPrefix: raw.keyPrefix ?? 'linkforge',
    encrypt: true,
    ...(raw.kmsKeyId !== undefined ? { kmsKeyId: raw.kmsKeyId } : {}),
    ...(raw.dynamodbTable !== undefined ? { dynamodbTable: raw.dynamodbTable } : {}),
    useLockfile: raw.useLockfile ?? false,
    ...(raw.endpoints ? { endpoints: raw.endpoints } : {}),
  };
}

function fail(file: string, line: number, column: number, message: string) {
  return {
    settings: DEFAULT_SETTINGS,
    diagnostics: [
      { file, line, column, severity: 'error' as const, code: SETTINGS_INVALID, path: '', message },
    ],
  };
}

/** Relative to the working directory when the file is below it (how diagnostics show paths). */
export function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), path.resolve(file));
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : file;
}
