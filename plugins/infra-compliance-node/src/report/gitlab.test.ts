import { toCodeQuality } from './gitlab';
import { finding, sampleReport } from './__testUtils__/report';

describe('toCodeQuality', () => {
  it('writes each unsuppressed finding as a GitLab Code Quality issue', () => {
    const issues = toCodeQuality(sampleReport());
    expect(issues.map(issue => issue.check_name)).toEqual([
      'IAM-004',
      'DLQ-001',
      'OPS-003',
      'PARSE-001',
    ]);
    expect(issues[0]).toEqual({
      description: 'IAM-004: IAM-004 failed on OrderProcessor.',
      check_name: 'IAM-004',
      fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
      severity: 'blocker',
      location: { path: 'template.yaml', lines: { begin: 42 } },
    });
    expect(issues.map(issue => issue.severity)).toEqual([
      'blocker',
      'critical',
      'minor',
      'critical',
    ]);
    expect(toCodeQuality({ ...sampleReport(), findings: [] })).toEqual([]);
  });

  it('names files from the root of the repository, as GitLab reads them', () => {
    const report = {
      ...sampleReport(),
      findings: [finding('DLQ-001', { file: 'api/template.yaml', line: 0 })],
    };
    const [issue] = toCodeQuality(report, {
      srcRoot: '/repo/infra/orders',
      repositoryRoot: '/repo',
    });
    expect(issue.location).toEqual({
      path: 'infra/orders/api/template.yaml',
      lines: { begin: 1 },
    });
    const [outside] = toCodeQuality(
      { ...report, findings: [finding('DLQ-001', { file: '../x.yaml' })] },
      { srcRoot: '/repo', repositoryRoot: '/repo' },
    );
    expect(outside.location.path).toBe('/x.yaml');
  });

  it('outside a repository, names files from the directory the scan ran in, or by their absolute path', () => {
    // A folder scanned outside any repository: a path from it would name another file of the job's checkout.
    const report = {
      ...sampleReport(),
      findings: [finding('DLQ-001', { file: 'template.yaml' })],
    };
    const pathOf = (options: Parameters<typeof toCodeQuality>[1]) =>
      toCodeQuality(report, options)[0].location.path;
    expect(
      pathOf({
        srcRoot: '/work/infra/orders',
        rootOutsideRepository: '/work',
      }),
    ).toBe('infra/orders/template.yaml');
    expect(
      pathOf({ srcRoot: '/elsewhere/orders', rootOutsideRepository: '/work' }),
    ).toBe('/elsewhere/orders/template.yaml');
    expect(pathOf({ srcRoot: '/work/infra/orders' })).toBe(
      '/work/infra/orders/template.yaml',
    );
    // In a repository, from its root wherever the scan ran.
    expect(
      pathOf({
        srcRoot: '/repo/infra/orders',
        repositoryRoot: '/repo',
        rootOutsideRepository: '/work',
      }),
    ).toBe('infra/orders/template.yaml');
  });

  it('gives the same finding in two folders of a repository two fingerprints, each the same in every run', () => {
    // Two jobs, each scanning one service, whose reports GitLab merges: both name their file template.yaml.
    const report = sampleReport();
    const orders = toCodeQuality(report, {
      srcRoot: '/repo/services/orders',
      repositoryRoot: '/repo',
    });
    const billing = toCodeQuality(report, {
      srcRoot: '/repo/services/billing',
      repositoryRoot: '/repo',
    });
    expect(orders[0].fingerprint).not.toBe(billing[0].fingerprint);
    expect(
      toCodeQuality(report, {
        srcRoot: '/repo/services/orders',
        repositoryRoot: '/repo',
      }),
    ).toEqual(orders);
    const fingerprints = orders.map(issue => issue.fingerprint);
    expect(new Set(fingerprints).size).toBe(fingerprints.length);
  });
});
