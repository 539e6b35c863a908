import { defaultBranchPath } from './sourceLocations';

describe('defaultBranchPath', () => {
  it.each([
    ['https://github.com/acme/mono', 'github', 'tree/HEAD/'],
    ['https://github.com/acme/mono/', 'github', 'tree/HEAD/'],
    ['https://ghe.example.com/acme/mono', 'github', 'tree/HEAD/'],
    ['https://gitlab.com/acme/mono', 'gitlab', '-/tree/HEAD/'],
    ['https://gitlab.com/acme/platform/mono', 'gitlab', '-/tree/HEAD/'],
  ])('names the default branch of a repository (%s)', (url, host, path) => {
    expect(defaultBranchPath(new URL(url), host)).toBe(path);
  });

  it.each([
    // A branch or a folder named: the location says where it is.
    ['https://github.com/acme/mono/tree/main/services', 'github'],
    ['https://github.com/acme/mono/blob/main/template.yaml', 'github'],
    ['https://gitlab.com/acme/mono/-/tree/main/services', 'gitlab'],
    // Older GitLab links name the branch without `/-/`.
    ['https://gitlab.com/acme/mono/tree/main/services', 'gitlab'],
    // A user or organisation, not a repository.
    ['https://github.com/acme', 'github'],
    ['https://gitlab.com/acme', 'gitlab'],
    // Hosts whose URL form is not known here.
    ['https://bitbucket.org/acme/mono', 'bitbucket'],
    ['https://git.example.com/acme/mono', undefined],
  ])('adds nothing to %s', (url, host) => {
    expect(defaultBranchPath(new URL(url), host)).toBe('');
  });
});
