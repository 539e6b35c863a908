import { moduleRoles } from './rootModules';

/** The calls of each directory, given as `dir: [targets]`. */
const callsOf = (calls: Record<string, string[]>) =>
  new Map(
    Object.entries(calls).map(([dir, targets]) => [dir, new Set(targets)]),
  );

describe('moduleRoles', () => {
  it('makes each directory no call names a root module, and finds the modules only a cycle calls', () => {
    const roles = moduleRoles(
      callsOf({
        'envs/a': ['modules/q'],
        'envs/b': ['modules/q'],
        'modules/q': [],
        'cycle/x': ['cycle/y'],
        'cycle/y': ['cycle/x'],
      }),
      dir => dir,
    );
    expect(roles).toEqual({
      roots: ['envs/a', 'envs/b'],
      onlyCalledInCycles: ['cycle/x', 'cycle/y'],
      notRead: [],
    });
  });

  it('takes the paths of a folder that links lead to as one module: called where any is, else one root module under its own path', () => {
    // a/q and b/q link to shared/q; current links to envs/prod, which calls ./q; c1 and c2 link to cycle/x, which
    // calls ./y, and cycle/y calls ../c1 back.
    const ownFolders: Record<string, string> = {
      'a/q': 'shared/q',
      'b/q': 'shared/q',
      current: 'envs/prod',
      'current/q': 'envs/prod/q',
      c1: 'cycle/x',
      c2: 'cycle/x',
    };
    const roles = moduleRoles(
      callsOf({
        a: ['a/q'],
        'a/q': [],
        b: ['b/q'],
        'b/q': [],
        current: ['current/q'],
        'current/q': [],
        'envs/prod': ['envs/prod/q'],
        'envs/prod/q': [],
        'shared/q': [],
        c1: [],
        c2: [],
        'cycle/x': ['cycle/y'],
        'cycle/y': ['c1'],
      }),
      dir => ownFolders[dir] ?? dir,
    );
    expect(roles).toEqual({
      roots: ['a', 'b', 'envs/prod'],
      onlyCalledInCycles: ['c1', 'c2', 'cycle/x', 'cycle/y'],
      // The root module's other path and the module only it calls; not shared/q, the folder a/q and b/q read.
      notRead: ['current', 'current/q'],
    });
  });

  it('reads a root module that links alone lead to under the first of their paths in name order', () => {
    const roles = moduleRoles(
      callsOf({ 'z/stack': [], 'b/stack': [] }),
      () => 'envs/prod',
    );
    expect(roles.roots).toEqual(['b/stack']);
    expect(roles.notRead).toEqual(['z/stack']);
  });
});
