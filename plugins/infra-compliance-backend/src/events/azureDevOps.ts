/**
 * Azure DevOps (Azure Repos Git): `@backstage/plugin-events-backend-module-azure`
 * routes each service hook delivery posted to topic `azureDevOps` to
 * `azureDevOps.<eventType>`, the delivery's body as the payload: a push
 * ("Code pushed") is `azureDevOps.git.push`. Its payload names the refs
 * pushed (`resource.refUpdates`), not the files.
 */
import { InputError } from '@backstage/errors';
import { z } from 'zod/v3';
import {
  PushProvider,
  RepositoryPush,
  branchOfRef,
  normalizeRepositoryUrl,
  parsePayload,
  pathSegments,
  webUrl,
} from './RepositoryPush';

/** The `newObjectId` of a deleted ref. */
const NO_COMMIT = /^0+$/;

const CLOUD_HOST = 'dev.azure.com';

const pushPayload = z.object({
  resource: z.object({
    refUpdates: z.array(
      z.object({ name: z.string(), newObjectId: z.string() }),
    ),
    repository: z
      .object({
        name: z.string().min(1),
        project: z.object({ name: z.string().min(1) }),
        remoteUrl: webUrl.optional(),
        webUrl: webUrl.optional(),
        // `refs/heads/main`
        defaultBranch: z.string().optional(),
      })
      .refine(
        repository => Boolean(repository.webUrl ?? repository.remoteUrl),
        'needs a webUrl or a remoteUrl',
      ),
  }),
});

/** Decoded path segments; undefined when one does not decode. */
function decodedSegments(url: URL): string[] | undefined {
  try {
    return pathSegments(url).map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

/** The organization of an Azure DevOps Services host, `{org}.visualstudio.com`. */
function visualStudioOrganization(host: string): string | undefined {
  const match = /^([^.]+)\.visualstudio\.com$/i.exec(host);
  return match?.[1];
}

/**
 * A name as Azure DevOps compares names, case-insensitively as .NET's
 * OrdinalIgnoreCase does: each character in upper case (String's
 * toUpperCase, Unicode's mapping, the same in every locale: no Turkish
 * casing of i), but one whose upper case is several characters (ß, SS) or
 * an ASCII letter while it is not one (the dotless ı, the long ſ), which
 * .NET leaves as it is.
 */
function foldName(name: string): string {
  let folded = '';
  for (const char of name) {
    const upper = char.toUpperCase();
    folded +=
      [...upper].length === 1 && (char <= '\x7f' || upper > '\x7f')
        ? upper
        : char;
  }
  return folded;
}

function sameName(a: string, b: string): boolean {
  return foldName(a) === foldName(b);
}

/**
 * A URL's path of names, each folded and encoded (a space is %20, as
 * locations write it): the path of the repository's URL in every spelling
 * and case Azure DevOps takes for it.
 */
function namesPath(names: string[]): string[] {
  return names.map(name => encodeURIComponent(foldName(name)));
}

/** `https://host/a/b/_git/c`, its names as {@link namesPath} writes them. */
function gitUrl(origin: string, names: string[], repository: string): string {
  return normalizeRepositoryUrl(
    `${origin}/${namesPath([...names, '_git', repository]).join('/')}`,
  )!;
}

/**
 * Every URL the repository's web pages are written with, as Backstage's
 * Azure integration reads them: `dev.azure.com/{org}/{project}/_git/{repo}`
 * and the older `{org}.visualstudio.com/{project}/_git/{repo}` (with or
 * without `DefaultCollection/`) for Azure DevOps Services, and
 * `{host}/{collection}/{project}/_git/{repo}` for Azure DevOps Server; a
 * repository named as its project may leave the project out.
 */
function repositoryUrls(
  url: URL,
  project: string,
  repository: string,
): string[] | undefined {
  const segments = decodedSegments(url);
  const git = segments?.indexOf('_git') ?? -1;
  if (!segments || git === -1) return undefined;
  const forms = (origin: string, owner: string[]) => [
    gitUrl(origin, [...owner, project], repository),
    ...(sameName(project, repository)
      ? [gitUrl(origin, owner, repository)]
      : []),
  ];
  const owner = segments.slice(0, git);
  const host = url.host.toLocaleLowerCase('en-US');
  const organization =
    host === CLOUD_HOST ? owner[0] : visualStudioOrganization(host);
  if (organization !== undefined) {
    const visualStudio = `https://${organization}.visualstudio.com`;
    return [
      ...forms(`https://${CLOUD_HOST}`, [organization]),
      gitUrl(visualStudio, [project], repository),
      gitUrl(visualStudio, ['DefaultCollection', project], repository),
    ];
  }
  // Azure DevOps Server: the collection (after a virtual directory, if
  // any), then the project, unless the URL leaves it out. A last name
  // before _git that is the project's may also be the collection's, of the
  // same name, the project left out (a repository named as its project).
  if (owner.length === 0) return undefined;
  const projectWritten =
    owner.length > 1 && sameName(owner[owner.length - 1], project);
  const collections = [
    ...(projectWritten ? [owner.slice(0, -1)] : []),
    ...(!projectWritten || sameName(project, repository) ? [owner] : []),
  ];
  return [
    ...new Set(
      collections.flatMap(collection => forms(url.origin, collection)),
    ),
  ];
}

export const azureDevOpsPushes: PushProvider = {
  topic: 'azureDevOps.git.push',
  parsePush(payload: unknown): RepositoryPush[] {
    const push = parsePayload(pushPayload, payload, 'azureDevOps.git.push');
    const { repository } = push.resource;
    const urls = repositoryUrls(
      // The web URL; the clone URL (`https://org@dev.azure.com/...`) has the same path.
      new URL((repository.webUrl ?? repository.remoteUrl)!),
      repository.project.name,
      repository.name,
    );
    if (!urls) {
      throw new InputError(
        'Invalid azureDevOps.git.push payload: resource.repository: not the URL of an Azure Repos Git repository',
      );
    }
    const defaultBranch =
      repository.defaultBranch !== undefined
        ? branchOfRef(repository.defaultBranch)
        : undefined;
    // A tag, or a deleted branch: nothing of a branch to read.
    const branches = new Set(
      push.resource.refUpdates.flatMap(update => {
        const branch = branchOfRef(update.name);
        return branch && !NO_COMMIT.test(update.newObjectId) ? [branch] : [];
      }),
    );
    return [...branches].map(branch => ({
      repositoryUrls: urls,
      branch,
      defaultBranch,
    }));
  },
  // https://dev.azure.com/org/project/_git/repo?path=/infra&version=GBmain
  // (or org.visualstudio.com/project/..., host/collection/project/...): the
  // folder in `path`, the branch in `version` (GB; none: the default
  // branch). A tag's (GT) or a commit's (GC) is on no branch.
  parseLocation(url: URL) {
    const segments = decodedSegments(url);
    const git = segments?.indexOf('_git') ?? -1;
    if (!segments || git < 1 || segments.length !== git + 2) return undefined;
    const repositoryUrl = normalizeRepositoryUrl(url, namesPath(segments))!;
    // A `+` in `version` is a plus, not a space as in a form: a ref's name
    // holds no space.
    const version = new URLSearchParams(url.search.replace(/\+/g, '%2B')).get(
      'version',
    );
    if (version === null) return { repositoryUrl };
    if (!version.startsWith('GB') || version.length === 2) return undefined;
    const folder = (url.searchParams.get('path') ?? '').replace(
      /^\/+|\/+$/g,
      '',
    );
    const branch = version.slice(2);
    return {
      repositoryUrl,
      refAndPath: folder ? `${branch}/${folder}` : branch,
    };
  },
};
