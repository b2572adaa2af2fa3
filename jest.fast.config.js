/**
 * `npm run test:fast`: every suite except those that run real Terraform (init, plan, state
 * servers) or the README as a script. The quick loop while editing; `npm test` runs everything.
 * @type {import('jest').Config}
 */
const base = require('./jest.config.js');

module.exports = {
  ...base,
  testPathIgnorePatterns: [
    '/node_modules/',
    '/test/readme/',
    '/test/state/',
    '/test/terraform/(examples|cdktf-workdir|day-two|environment|cli-config|transit-gateway-lifecycle)\\.test\\.ts$',
    '/test/pr/(pull-request-flow|removed)\\.test\\.ts$',
    '/test/handoff/outputs\\.test\\.ts$',
  ],
};
