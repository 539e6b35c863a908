import { bitbucketCloudPushes } from './bitbucketCloud';
import { githubPushes } from './github';
import { gitlabPushes } from './gitlab';
import { filesUnder, folderOnPushedBranch } from './RepositoryPush';

const location = (provider: typeof githubPushes, url: string) =>
  provider.parseLocation(new URL(url));

describe('source locations', () => {
  it('reads GitHub locations: the repository, case and .git aside, and the branch and folder', () => {
    expect(location(githubPushes, 'https://GitHub.com/Acme/Repo.git/')).toEqual(
      { repositoryUrl: 'https://github.com/acme/repo' },
    );
    expect(
      location(
        githubPushes,
        'https://github.com/acme/repo/tree/feature/x/services/my%20svc?x=1',
      ),
    ).toEqual({
      repositoryUrl: 'https://github.com/acme/repo',
      refAndPath: 'feature/x/services/my svc',
    });
    expect(
      location(
        githubPushes,
        'https://ghe.example.com/acme/repo/blob/main/a.yaml',
      ),
    ).toEqual({
      repositoryUrl: 'https://ghe.example.com/acme/repo',
      refAndPath: 'main/a.yaml',
    });
    expect(location(githubPushes, 'https://github.com/acme/repo/pulls')).toBe(
      undefined,
    );
    expect(location(githubPushes, 'https://github.com/acme')).toBe(undefined);
    expect(
      location(githubPushes, 'https://github.com/acme/repo/tree/main/%E0%A4%A'),
    ).toBe(undefined);
  });

  it('reads GitLab locations: a project path of any depth, up to `-`', () => {
    expect(
      location(
        gitlabPushes,
        'https://gitlab.example.com/a/b/c/ledger/-/tree/main/infra',
      ),
    ).toEqual({
      repositoryUrl: 'https://gitlab.example.com/a/b/c/ledger',
      refAndPath: 'main/infra',
    });
    expect(location(gitlabPushes, 'https://gitlab.com/a/b/ledger.git')).toEqual(
      { repositoryUrl: 'https://gitlab.com/a/b/ledger' },
    );
    expect(
      location(gitlabPushes, 'https://gitlab.com/a/ledger/-/merge_requests/1'),
    ).toBe(undefined);
  });

  it('reads GitLab locations of the older form, without `-/`', () => {
    expect(
      location(gitlabPushes, 'https://gitlab.com/a/b/ledger/tree/main/infra'),
    ).toEqual({
      repositoryUrl: 'https://gitlab.com/a/b/ledger',
      refAndPath: 'main/infra',
    });
    expect(
      location(gitlabPushes, 'https://gitlab.com/a/ledger/blob/main/a.yaml'),
    ).toEqual({
      repositoryUrl: 'https://gitlab.com/a/ledger',
      refAndPath: 'main/a.yaml',
    });
  });

  it('reads Bitbucket Cloud locations', () => {
    expect(
      location(
        bitbucketCloudPushes,
        'https://bitbucket.org/ws/repo/src/main/deploy/',
      ),
    ).toEqual({
      repositoryUrl: 'https://bitbucket.org/ws/repo',
      refAndPath: 'main/deploy',
    });
    expect(
      location(bitbucketCloudPushes, 'https://bitbucket.org/ws/repo'),
    ).toEqual({ repositoryUrl: 'https://bitbucket.org/ws/repo' });
  });

  it('tells the folder a location reads on the pushed branch, a branch with slashes too', () => {
    const push = {
      repositoryUrls: ['https://github.com/acme/repo'],
      branch: 'release/1.x',
      defaultBranch: 'main',
    };
    const at = (refAndPath?: string) =>
      folderOnPushedBranch(
        { repositoryUrl: 'https://github.com/acme/repo', refAndPath },
        push,
      );
    expect(at('release/1.x/services/a/')).toBe('services/a');
    expect(at('release/1.x')).toBe('');
    expect(at('release/1.xy/services/a')).toBe(undefined);
    expect(at('release')).toBe(undefined);
    expect(at(undefined)).toBe(undefined);
    expect(
      folderOnPushedBranch(
        { repositoryUrl: 'https://github.com/acme/repo' },
        { ...push, defaultBranch: 'release/1.x' },
      ),
    ).toBe('');
    // Bitbucket Cloud does not name the default branch.
    expect(
      folderOnPushedBranch(
        { repositoryUrl: 'https://github.com/acme/repo' },
        { ...push, defaultBranch: undefined },
      ),
    ).toBe('');
  });

  it('lists the changed files under a folder, relative to it', () => {
    const files = ['a/b/t.yaml', 'a/bc/t.yaml', 'a/b', 'x.yaml'];
    expect(filesUnder(files, 'a/b')).toEqual(['t.yaml', 'b']);
    expect(filesUnder(files, '')).toEqual(files);
  });
});

describe('push payloads', () => {
  const github = (fields: Record<string, unknown>) => ({
    ref: 'refs/heads/main',
    repository: {
      html_url: 'https://github.com/Acme/Repo',
      default_branch: 'main',
    },
    commits: [{ added: ['a.yaml'], removed: [], modified: ['b.yaml'] }],
    ...fields,
  });

  it('reads a GitHub push: a tag or a deleted branch is nothing to scan, a new branch or a forced push lists no files', () => {
    expect(githubPushes.parsePush(github({}))).toEqual([
      {
        repositoryUrls: ['https://github.com/acme/repo'],
        branch: 'main',
        defaultBranch: 'main',
        changedFiles: ['a.yaml', 'b.yaml'],
      },
    ]);
    expect(githubPushes.parsePush(github({ ref: 'refs/tags/v1' }))).toEqual([]);
    expect(githubPushes.parsePush(github({ deleted: true }))).toEqual([]);
    for (const fields of [{ created: true }, { forced: true }, { commits: [] }])
      expect(githubPushes.parsePush(github(fields))[0].changedFiles).toBe(
        undefined,
      );
  });

  it('lists no files of a GitHub push whose lists may have been cut', () => {
    const commit = { added: [], removed: [], modified: ['a.yaml'] };
    expect(
      githubPushes.parsePush(
        github({ commits: Array.from({ length: 2048 }, () => commit) }),
      )[0].changedFiles,
    ).toBe(undefined);
    expect(
      githubPushes.parsePush(
        github({
          commits: [
            {
              ...commit,
              added: Array.from({ length: 3000 }, (_, i) => `f${i}.yaml`),
            },
          ],
        }),
      )[0].changedFiles,
    ).toBe(undefined);
  });

  it('reads a GitLab push: a new branch lists no files, a deleted one is nothing to scan', () => {
    const push = {
      ref: 'refs/heads/main',
      before: '95790bf891e76fee5e1747ab589903a6a1f80f22',
      after: 'da1560886d4f094c3e6c9ef40349f7d38b5d27d7',
      project: {
        web_url: 'https://gitlab.com/a/b/ledger',
        default_branch: 'main',
      },
      commits: [{ added: [], modified: ['infra/main.tf'], removed: [] }],
      total_commits_count: 1,
    };
    expect(gitlabPushes.parsePush(push)).toEqual([
      {
        repositoryUrls: ['https://gitlab.com/a/b/ledger'],
        branch: 'main',
        defaultBranch: 'main',
        changedFiles: ['infra/main.tf'],
      },
    ]);
    expect(
      gitlabPushes.parsePush({ ...push, before: '0'.repeat(40) })[0]
        .changedFiles,
    ).toBe(undefined);
    expect(gitlabPushes.parsePush({ ...push, after: '0'.repeat(40) })).toEqual(
      [],
    );
  });

  it('reads a Bitbucket Cloud push: one push per branch, tags aside', () => {
    const push = (changes: unknown[], mainbranch?: { name: string }) => ({
      repository: {
        links: { html: { href: 'https://bitbucket.org/ws/repo' } },
        ...(mainbranch ? { mainbranch } : {}),
      },
      push: { changes },
    });
    expect(
      bitbucketCloudPushes.parsePush(
        push(
          [
            { new: { type: 'branch', name: 'main' } },
            { new: { type: 'tag', name: 'v1' } },
            { new: null },
            { new: { type: 'branch', name: 'main' } },
            { new: { type: 'branch', name: 'next' } },
          ],
          { name: 'main' },
        ),
      ),
    ).toEqual([
      {
        repositoryUrls: ['https://bitbucket.org/ws/repo'],
        branch: 'main',
        defaultBranch: 'main',
      },
      {
        repositoryUrls: ['https://bitbucket.org/ws/repo'],
        branch: 'next',
        defaultBranch: 'main',
      },
    ]);
  });
});
