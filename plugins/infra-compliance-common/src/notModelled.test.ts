import { notModelledCount } from './notModelled';

describe('notModelledCount', () => {
  it("counts a CDK app's constructs and a Pulumi program's resources in words", () => {
    expect(notModelledCount('cdk', 2)).toBe('2 constructs');
    expect(notModelledCount('pulumi', 3)).toBe('3 resources');
    expect(notModelledCount('cdk', 1)).toBe('1 construct');
    expect(notModelledCount('pulumi', 1)).toBe('1 resource');
  });
});
