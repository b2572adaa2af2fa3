/**
 * Helpers for cdktf tests: registers cdktf's jest matchers (`toHaveResourceWithProperties`, ...) and
 * gives typed access to the synthesized JSON for the assertions the matchers cannot express
 * (absence, counts, addresses).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing, TerraformStack, type App } from 'cdktf';
// Types of the matchers registered by Testing.setupJest() (a global jest augmentation).
import 'cdktf/lib/testing/adapters/jest';
import type { Construct } from 'constructs';
import type { PlatformSettings } from '../../src/config/settings';
import type { Customer } from '../../src/config/types';
import { CustomerStack, type CustomerStackProps } from '../../src/stacks/customer-stack';
import { settingsWith } from './customers';

Testing.setupJest();

/**
 * The output directory of every test app of this test file. cdktf's Testing.app() and synthScope()
 * make a new `cdktf.outdir.*` folder in the OS temporary folder per app and never remove it (a full
 * test run left about 125, and thousands had piled up in /tmp, slowing every mkdir there); the apps
 * here share one folder, removed after the file's tests. Nothing is written into it: Testing.synth
 * renders in memory.
 */
const outdirRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'linkforge-cdktf-test-'));
afterAll(() => fs.rmSync(outdirRoot, { recursive: true, force: true }));

/** Testing.app() with this file's shared output directory. */
export function testApp(): App {
  return Testing.app({ outdir: outdirRoot });
}

export type Json = Record<string, unknown>;
export type Resources = Record<string, Record<string, Json>>;

/** Synthesized JSON (metadata stripped) of a scope built by `fn`. */
export function synthScope(fn: (scope: Construct) => void): Json {
  const stack = new TerraformStack(testApp(), 'stack');
  fn(stack);
  return JSON.parse(Testing.synth(stack)) as Json;
}

/** Synthesized JSON string and parsed JSON of one customer's stack. */
export function synthCustomer(
  customer: Customer,
  settings: PlatformSettings = settingsWith(),
  props: Partial<CustomerStackProps> = {},
): { text: string; json: Json; stack: CustomerStack } {
  const stack = new CustomerStack(testApp(), { customer, settings, ...props });
  const text = Testing.synth(stack);
  return { text, json: JSON.parse(text) as Json, stack };
}

export function resources(json: Json): Resources {
  return (json.resource ?? {}) as Resources;
}

/** The resources of one type, by name (empty when there are none). */
export function ofType(json: Json, type: string): Record<string, Json> {
  return resources(json)[type] ?? {};
}

/** Every `type.name` address, sorted. */
export function addresses(json: Json): string[] {
  return Object.entries(resources(json))
    .flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`))
    .sort();
}

/** Every value found under `key` anywhere in the JSON. */
export function valuesOfKey(value: unknown, key: string): unknown[] {
  if (Array.isArray(value)) return value.flatMap((v) => valuesOfKey(v, key));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [...(k === key ? [v] : []), ...valuesOfKey(v, key)]);
}
