import { requireTerraform } from './helpers';

describe('requireTerraform', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
    jest.restoreAllMocks();
  });

  it('without terraform under CI: throws, so the suite fails instead of skipping', () => {
    process.env.LINKFORGE_TERRAFORM = '/nonexistent/terraform';
    process.env.CI = 'true';
    expect(() => requireTerraform('suite')).toThrow(
      /terraform is not available .*Under CI a missing Terraform is a failure/,
    );
  });

  it('without terraform outside CI: warns loudly and tells the caller to skip', () => {
    process.env.LINKFORGE_TERRAFORM = '/nonexistent/terraform';
    delete process.env.CI;
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(requireTerraform('suite')).toBe(false);
    expect(warn.mock.calls[0][0]).toContain('!!! SKIPPING suite: terraform is not available');
  });
});
