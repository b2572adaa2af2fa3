/**
 * The one way linkforge prints a path into a document: a customer file field in a diagnostic
 * (`connectivity.peer.cidrs[0]`), a cdktf.json setting, or a Terraform attribute in a plan
 * summary (`tunnel1_log_options[0].enabled`). Imports nothing of linkforge's own.
 */

/** Keys printed bare after a dot; any other key is printed quoted in brackets: `tags["a.b"]`. */
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** `['connectivity', 'peer', 'cidrs', 0]` → `connectivity.peer.cidrs[0]`; `['tags', 'a.b']` → `tags["a.b"]`. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}
