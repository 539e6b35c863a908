/**
 * Test fixtures: small CloudFormation repositories in temp directories, and
 * catalog entities pointing at them.
 */
import nodeFs, { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  BackstageCredentials,
  UrlReaderServiceReadTreeResponse,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';

/** A function with no dead-letter target: DLQ-001 (and alarms/logging/operations findings). */
export const TEMPLATE_NO_DLQ = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      Code:
        ZipFile: exports.handler = async () => {};
      Role: arn:aws:iam::123456789012:role/worker
`;

/** The same function with a dead-letter queue kept 14 days: DLQ-001 fixed. */
export const TEMPLATE_WITH_DLQ = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      Code:
        ZipFile: exports.handler = async () => {};
      Role: arn:aws:iam::123456789012:role/worker
      DeadLetterConfig:
        TargetArn: !GetAtt DeadLetters.Arn
  DeadLetters:
    Type: AWS::SQS::Queue
    Properties:
      MessageRetentionPeriod: 1209600
`;

export async function makeTempDir(
  prefix = 'ic-backend-test-',
): Promise<string> {
  return fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), prefix)));
}

/**
 * A temporary folder for each test of the `describe` block that calls this:
 * made before the test, removed after it. The function returned gives the
 * running test's.
 */
export function tempDirEachTest(): () => string {
  let dir: string | undefined;
  beforeEach(async () => {
    dir = await makeTempDir();
  });
  afterEach(async () => {
    if (dir) await fs.rm(dir, { recursive: true, force: true });
    dir = undefined;
  });
  return () => {
    if (!dir) throw new Error('The temporary folder is made for a test only');
    return dir;
  };
}

/** A service folder: catalog-info.yaml + template.yaml. */
export async function makeRepo(
  root: string,
  name: string,
  template: string,
): Promise<string> {
  const dir = path.join(root, name);
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, 'catalog-info.yaml'), `# ${name}\n`);
  await fs.writeFile(path.join(dir, 'template.yaml'), template);
  return dir;
}

export async function writeTemplate(
  dir: string,
  template: string,
): Promise<void> {
  await fs.writeFile(path.join(dir, 'template.yaml'), template);
}

/** Writes each file (path relative to `dir`, folders made as needed). */
export async function writeFiles(
  dir: string,
  files: Record<string, string>,
): Promise<void> {
  for (const [file, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await fs.writeFile(path.join(dir, file), text);
  }
}

/**
 * Has `readFileSync` read `file` (absolute) with `addition` at its end, as
 * if it had been edited, until the returned function restores it: for a
 * source file of this repository, which a test must not write.
 */
export function readAsEdited(file: string, addition: string): () => void {
  const { readFileSync } = nodeFs;
  const spy = jest.spyOn(nodeFs, 'readFileSync').mockImplementation(((
    target: string,
    options?: unknown,
  ) => {
    const content = readFileSync(target, options as any);
    if (path.resolve(String(target)) !== file) return content;
    return typeof content === 'string'
      ? content + addition
      : Buffer.concat([content, Buffer.from(addition)]);
  }) as typeof readFileSync);
  return () => spy.mockRestore();
}

export function componentEntity(
  name: string,
  options: {
    dir?: string;
    /** The URL it is read from (its `backstage.io/source-location`). */
    url?: string;
    owner?: string;
    system?: string;
    annotations?: Record<string, string>;
    kind?: string;
  } = {},
): Entity {
  const owner = options.owner ?? 'team-a';
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: options.kind ?? 'Component',
    metadata: {
      name,
      namespace: 'default',
      title: `Service ${name}`,
      annotations: {
        ...(options.dir
          ? {
              'backstage.io/managed-by-location': `file:${path.join(
                options.dir,
                'catalog-info.yaml',
              )}`,
            }
          : {}),
        ...(options.url
          ? { 'backstage.io/source-location': `url:${options.url}` }
          : {}),
        ...options.annotations,
      },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner,
      ...(options.system ? { system: options.system } : {}),
    },
    relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
  };
}

export function groupEntity(name: string, children: string[] = []): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children },
    relations: children.map(child => ({
      type: 'parentOf',
      targetRef: `group:default/${child}`,
    })),
  };
}

/** A readTree response that writes `files` into the target directory. */
export function treeResponse(
  etag: string,
  files: Record<string, string>,
): UrlReaderServiceReadTreeResponse {
  return {
    etag,
    files: async () =>
      Object.entries(files).map(([filePath, content]) => ({
        path: filePath,
        content: async () => Buffer.from(content),
      })),
    archive: async () => Readable.from([]),
    dir: async options => {
      const target = options?.targetDir ?? (await makeTempDir());
      for (const [filePath, content] of Object.entries(files)) {
        await fs.mkdir(path.dirname(path.join(target, filePath)), {
          recursive: true,
        });
        await fs.writeFile(path.join(target, filePath), content);
      }
      return target;
    },
  };
}

/**
 * The permission framework's answer when reading entities is conditional
 * (owners only): lists ask the catalog what the user sees.
 */
export const readingIsConditional = async (requests: unknown[]) =>
  requests.map(() => ({
    result: AuthorizeResult.CONDITIONAL,
    pluginId: 'catalog',
    resourceType: 'catalog-entity',
    conditions: {
      rule: 'IS_ENTITY_OWNER',
      resourceType: 'catalog-entity',
      params: { claims: ['user:default/mock'] },
    },
  })) as any;

/**
 * A permission policy that hides `hidden` from users, as a conditional
 * catalog policy would (e.g. "owners only"): reading one of them is denied,
 * reading entities in general is conditional, and the catalog lists only
 * the others to a user. Everything else is allowed.
 */
export function hidingPolicy(hidden: string[], entities: Entity[]) {
  const isHidden = (ref: string | undefined) =>
    ref !== undefined && hidden.includes(ref);
  const permissions = mockServices.permissions.mock({
    authorize: async queries =>
      queries.map(query => ({
        result:
          query.permission.name === 'catalog.entity.read' &&
          'resourceRef' in query &&
          isHidden(query.resourceRef)
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      })),
    authorizeConditional: readingIsConditional,
  });
  const inMemory = catalogServiceMock({ entities });
  const catalog = catalogServiceMock.mock({
    getEntityByRef: (ref, options) => inMemory.getEntityByRef(ref, options),
    getEntitiesByRefs: (query, options) =>
      inMemory.getEntitiesByRefs(query, options),
    queryEntities: (query, options) => inMemory.queryEntities(query, options),
    getEntities: async (query, options) => {
      const answer = await inMemory.getEntities(query, options);
      const credentials =
        options && 'credentials' in options
          ? (options.credentials as BackstageCredentials<{ type: string }>)
          : undefined;
      if (credentials?.principal.type !== 'user') return answer;
      return {
        items: answer.items.filter(
          entity => !isHidden(stringifyEntityRef(entity)),
        ),
      };
    },
  });
  return { factories: [permissions.factory, catalog.factory], catalog };
}

/** The catalog listings made with a user's credentials (the backend's own, for scans, are not counted). */
export function userListings(
  catalog: ReturnType<typeof catalogServiceMock.mock>,
) {
  return (catalog.getEntities as jest.Mock).mock.calls.filter(
    ([, options]) => options?.credentials?.principal?.type === 'user',
  ).length;
}

/**
 * The scan at its status route (the `Location` of a scan requested on
 * demand), once it has ended: neither queued nor running.
 */
export async function waitForScan(
  server: Parameters<typeof request>[0],
  statusPath: string,
) {
  for (let i = 0; i < 200; i++) {
    const res = await request(server).get(statusPath);
    if (!['queued', 'running'].includes(res.body.status)) return res.body;
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  throw new Error(`the scan at ${statusPath} did not end`);
}
