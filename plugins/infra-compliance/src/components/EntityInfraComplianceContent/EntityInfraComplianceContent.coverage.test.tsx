import { screen, within } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import {
  SCAN_COVERAGE_NOT_MODELLED_LIMIT,
  SCAN_COVERAGE_SKIPPED_LIMIT,
  Scan,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import {
  apiWithLastScan,
  FakeInfraComplianceApi,
} from '../../__testUtils__/FakeInfraComplianceApi';
import {
  findCard,
  renderComplianceTab,
} from '../../__testUtils__/complianceTab';
import * as fixtures from '../../__testUtils__/fixtures';
import { tabTo } from '../../__testUtils__/keyboardFocus';
import {
  nextPoll,
  restoreRealClock,
  settle,
  useFakeScanClock,
} from '../../__testUtils__/scanClock';

/** The tab of an entity in a local folder, `scan` its last scan, which read that folder. */
const renderLocal = (scan: Scan) =>
  renderComplianceTab(
    apiWithLastScan({ ...scan, source: fixtures.localSource }),
    fixtures.localEntity,
  );

/** The text of each item of the list under the card's `heading`. */
function listUnder(card: HTMLElement, heading: string): string[] {
  const list = within(card).getByRole('heading', { level: 3, name: heading })
    .nextElementSibling as HTMLElement;
  expect(list.tagName).toBe('UL');
  return Array.from(list.children, item => item.textContent ?? '');
}

describe('EntityInfraComplianceContent: what the grade does not judge', () => {
  it('says beside the grade what the last scan did not judge, linking to the card that lists it', async () => {
    await renderLocal(fixtures.partlyJudgedScan);
    const link = await screen.findByRole('link', {
      name: 'Not judged: 2 files skipped, 3 kinds of construct or resource not modelled',
    });
    expect(
      within(screen.getByTestId('infra-compliance-score-overview')).getByRole(
        'link',
      ),
    ).toBe(link);
    expect(link).toHaveAttribute('href', '#infra-compliance-not-judged');
    // The link's target is the card's title.
    const card = await findCard('Not judged');
    expect(document.getElementById('infra-compliance-not-judged')).toBe(
      within(card).getByRole('heading', { level: 2 }),
    );
    expect(
      within(card).getByText(
        'The grade says nothing about these: no rule checked them.',
      ),
    ).toBeInTheDocument();

    expect(listUnder(card, 'Files skipped (2)')).toEqual([
      'batch/cdk.json — the CDK app runs `python3 app.py`, which names no TypeScript or JavaScript entry point: only TypeScript and JavaScript apps are read',
      'fixtures/huge.template.json — larger than 20971520 bytes',
    ]);
    expect(within(card).queryByText(/^and \d+ more/)).toBeNull();
    expect(listUnder(card, 'Not modelled')).toEqual([
      'edge/Pulumi.yaml (Pulumi)aws.apigateway.Resource',
      'svc/cdk.json (CDK)aws-ec2.Vpc (2 constructs)aws-ecs.Cluster',
    ]);
  });

  it('links each file skipped and each program to the repository, as the findings are', async () => {
    await renderComplianceTab(apiWithLastScan(fixtures.partlyJudgedScan));
    const card = await findCard('Not judged');
    const links = within(card)
      .getAllByRole('link')
      .map(link => [link.textContent, link.getAttribute('href')]);
    const repository = 'https://github.com/acme/seed-000/tree/main';
    expect(links).toEqual(
      [
        'batch/cdk.json',
        'fixtures/huge.template.json',
        'edge/Pulumi.yaml',
        'svc/cdk.json',
      ].map(path => [
        `${path}, Opens in a new window`,
        `${repository}/${path}`,
      ]),
    );
  });

  it('links to the files where the scan read them, though the entity has moved since', async () => {
    const moved: Entity = {
      ...fixtures.githubEntity,
      metadata: {
        ...fixtures.githubEntity.metadata,
        annotations: {
          'backstage.io/source-location':
            'url:https://gitlab.com/acme/seed-000/-/tree/next/',
        },
      },
    };
    await renderComplianceTab(
      apiWithLastScan({
        ...fixtures.partlyJudgedScan,
        source: {
          type: 'url',
          target: 'https://github.com/acme/seed-000/tree/release-1/deploy',
        },
      }),
      moved,
    );
    const card = await findCard('Not judged');
    expect(
      within(card).getByRole('link', { name: /^svc\/cdk\.json/ }),
    ).toHaveAttribute(
      'href',
      'https://github.com/acme/seed-000/tree/release-1/deploy/svc/cdk.json',
    );
  });

  it('says how many of a type a program creates in words, not as "×2", which a screen reader reads as "times 2"', async () => {
    await renderComplianceTab(
      apiWithLastScan({
        ...fixtures.succeededScan,
        coverage: {
          skipped: [],
          notModelled: [
            {
              program: 'api/cdk.json',
              format: 'cdk',
              types: [{ type: 'aws-ec2.Vpc', count: 2 }],
            },
            {
              program: 'edge/Pulumi.yaml',
              format: 'pulumi',
              types: [
                { type: 'aws.ec2.Vpc', count: 3 },
                { type: 'aws.apigateway.Resource', count: 1 },
              ],
            },
          ],
        },
      }),
    );
    const card = await findCard('Not judged');
    // Constructs of a CDK app, resources of a Pulumi program; one, uncounted.
    const item = (type: string) =>
      within(card).getByText(type).closest('li')?.textContent;
    expect(item('aws-ec2.Vpc')).toBe('aws-ec2.Vpc (2 constructs)');
    expect(item('aws.ec2.Vpc')).toBe('aws.ec2.Vpc (3 resources)');
    expect(item('aws.apigateway.Resource')).toBe('aws.apigateway.Resource');
    expect(card.textContent).not.toMatch(/×/);
  });

  it('shows the paths of a local dir: source as text, which a browser cannot open', async () => {
    await renderLocal(fixtures.partlyJudgedScan);
    const card = await findCard('Not judged');
    expect(within(card).queryAllByRole('link')).toEqual([]);
    expect(
      Array.from(card.querySelectorAll('code'), code => code.textContent),
    ).toEqual([
      'batch/cdk.json',
      'fixtures/huge.template.json',
      'edge/Pulumi.yaml',
      'aws.apigateway.Resource',
      'svc/cdk.json',
      'aws-ec2.Vpc',
      'aws-ecs.Cluster',
    ]);
  });

  it('counts every file skipped, and says how many more there are than the scan lists', async () => {
    const skipped = Array.from(
      { length: SCAN_COVERAGE_SKIPPED_LIMIT },
      (_, index) => ({
        path: `vendor-assets/${String(index).padStart(3, '0')}.template.json`,
        reason: 'binary file',
      }),
    );
    await renderLocal({
      ...fixtures.succeededScan,
      counts: {
        ...fixtures.succeededScan.counts!,
        filesSkipped: SCAN_COVERAGE_SKIPPED_LIMIT + 3,
      },
      coverage: { skipped, notModelled: [] },
    });
    expect(
      await screen.findByRole('link', {
        name: 'Not judged: 103 files skipped',
      }),
    ).toBeInTheDocument();
    const card = await findCard('Not judged');
    const listed = listUnder(card, 'Files skipped (103)');
    expect(listed).toHaveLength(100);
    expect(listed[99]).toBe('vendor-assets/099.template.json — binary file');
    expect(within(card).getByText('and 3 more')).toBeInTheDocument();
    expect(
      within(card).queryByRole('heading', { name: 'Not modelled' }),
    ).toBeNull();
  });

  it('says how many more programs create what is not modelled than the scan lists', async () => {
    const programs = Array.from(
      { length: SCAN_COVERAGE_NOT_MODELLED_LIMIT },
      (_, index) => ({
        program: `services/${String(index).padStart(3, '0')}/cdk.json`,
        format: 'cdk' as const,
        types: [{ type: 'aws-ec2.Vpc', count: 1 }],
      }),
    );
    await renderLocal({
      ...fixtures.succeededScan,
      coverage: { skipped: [], notModelled: programs, programsNotListed: 250 },
    });
    // The programs not listed may create other kinds, and resources.
    expect(
      await screen.findByRole('link', {
        name: 'Not judged: at least 1 kind of construct or resource not modelled',
      }),
    ).toBeInTheDocument();
    const card = await findCard('Not judged');
    expect(listUnder(card, 'Not modelled')).toHaveLength(100);
    expect(within(card).getByText('and 250 more programs')).toBeInTheDocument();
  });

  it('lists a file skipped for two reasons twice and counts it once, past the limit too', async () => {
    const loops = (resource: string, line: number) => ({
      path: 'loops.yaml',
      reason: `resource ${resource} (line ${line}) is not judged: a Fn::ForEach loop inside it runs over a collection not known statically`,
    });
    const scanSkipping = (
      skipped: { path: string; reason: string }[],
      filesSkipped: number,
    ): Scan => ({
      ...fixtures.succeededScan,
      counts: { ...fixtures.succeededScan.counts!, filesSkipped },
      coverage: { skipped, notModelled: [] },
    });
    const error = jest.spyOn(console, 'error');
    const { unmount } = await renderLocal(
      scanSkipping([loops('Jobs', 6), loops('Mail', 10)], 1),
    );
    expect(
      await screen.findByRole('link', { name: 'Not judged: 1 file skipped' }),
    ).toBeInTheDocument();
    let card = await findCard('Not judged');
    expect(listUnder(card, 'Files skipped (1)')).toEqual([
      `loops.yaml — ${loops('Jobs', 6).reason}`,
      `loops.yaml — ${loops('Mail', 10).reason}`,
    ]);
    expect(within(card).queryByText(/^and \d+ more/)).toBeNull();
    expect(
      error.mock.calls.filter(call => /same key/.test(String(call[0]))),
    ).toEqual([]);
    error.mockRestore();
    unmount();

    // 100 entries of 99 files listed, of 101 skipped: 2 more.
    const others = Array.from(
      { length: SCAN_COVERAGE_SKIPPED_LIMIT - 2 },
      (_, index) => ({
        path: `vendor-assets/${String(index).padStart(3, '0')}.template.json`,
        reason: 'binary file',
      }),
    );
    await renderLocal(
      scanSkipping([loops('Jobs', 6), loops('Mail', 10), ...others], 101),
    );
    card = await findCard('Not judged');
    expect(listUnder(card, 'Files skipped (101)')).toHaveLength(100);
    expect(within(card).getByText('and 2 more')).toBeInTheDocument();
  });

  it('says the last scan read no infrastructure code, not that it found none, when it skipped all it found', async () => {
    const { coverage } = fixtures.partlyJudgedScan;
    await renderLocal({
      ...fixtures.succeededScan,
      counts: {
        ...fixtures.succeededScan.counts!,
        filesScanned: 0,
        filesSkipped: 1,
      },
      // A Python CDK app: its cdk.json names no entry point the engine reads.
      coverage: { skipped: coverage!.skipped.slice(0, 1), notModelled: [] },
    });
    expect(
      await screen.findByText('Info: No infrastructure code read'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        "The last scan skipped every file of infrastructure code it found in this entity's source: Not judged, below, lists them with why.",
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/No infrastructure code found/)).toBeNull();
    expect(
      listUnder(await findCard('Not judged'), 'Files skipped (1)'),
    ).toEqual([`batch/cdk.json — ${coverage!.skipped[0].reason}`]);
  });

  it('names what a program alone creates in its own words: constructs of a CDK app, resources of a Pulumi program, one of each in the singular', async () => {
    const coverage = fixtures.partlyJudgedScan.coverage!;
    const withOnly = (program: number): Scan => ({
      ...fixtures.partlyJudgedScan,
      counts: { ...fixtures.partlyJudgedScan.counts!, filesSkipped: 1 },
      coverage: {
        skipped: coverage.skipped.slice(0, 1),
        notModelled: [coverage.notModelled[program]],
      },
    });
    const { unmount } = await renderComplianceTab(apiWithLastScan(withOnly(0)));
    expect(
      await screen.findByRole('link', {
        name: 'Not judged: 1 file skipped, 1 kind of resource not modelled',
      }),
    ).toBeInTheDocument();
    unmount();
    await renderComplianceTab(apiWithLastScan(withOnly(1)));
    expect(
      await screen.findByRole('link', {
        name: 'Not judged: 1 file skipped, 2 kinds of construct not modelled',
      }),
    ).toBeInTheDocument();
  });

  it('counts a type that two programs create as one kind, and lists it under each', async () => {
    const vpc = { type: 'aws-ec2.Vpc', count: 1 };
    await renderLocal({
      ...fixtures.succeededScan,
      coverage: {
        skipped: [],
        notModelled: [
          { program: 'api/cdk.json', format: 'cdk', types: [vpc] },
          { program: 'worker/cdk.json', format: 'cdk', types: [vpc] },
        ],
      },
    });
    expect(
      await screen.findByRole('link', {
        name: 'Not judged: 1 kind of construct not modelled',
      }),
    ).toBeInTheDocument();
    const card = await findCard('Not judged');
    expect(listUnder(card, 'Not modelled')).toEqual([
      'api/cdk.json (CDK)aws-ec2.Vpc',
      'worker/cdk.json (CDK)aws-ec2.Vpc',
    ]);
    expect(
      within(card).queryByRole('heading', { name: /^Files skipped/ }),
    ).toBeNull();
  });

  it('says nothing more of a scan that judged all it read, nor of one from before scans recorded it', async () => {
    /** Whether the tab says what the scan did not judge, beside the grade and in a card. */
    const tellsNotJudged = async (scan: Scan) => {
      const { unmount } = await renderComplianceTab(apiWithLastScan(scan));
      await screen.findByText('Findings (2)');
      const told = [
        screen.queryByText(/^Not judged:/) !== null,
        screen.queryByRole('heading', { name: 'Not judged' }) !== null,
      ];
      unmount();
      return told;
    };
    // Counted as skipped by a backend that did not keep which files.
    const olderScan = {
      ...fixtures.succeededScan,
      counts: { ...fixtures.succeededScan.counts!, filesSkipped: 4 },
      coverage: undefined,
    };
    expect(await tellsNotJudged(olderScan)).toEqual([false, false]);
    expect(await tellsNotJudged(fixtures.succeededScan)).toEqual([
      false,
      false,
    ]);
    expect(await tellsNotJudged(fixtures.partlyJudgedScan)).toEqual([
      true,
      true,
    ]);
  });

  it('tells what a scan just run did not judge once it ends', async () => {
    const user = useFakeScanClock();
    try {
      const api = new FakeInfraComplianceApi();
      api.scanCoverage = fixtures.partlyJudgedScan.coverage!;
      api.afterScan = {};
      await renderComplianceTab(api);
      await user.click(
        await screen.findByRole('button', { name: /scan now/i }),
      );
      const status = screen.getByRole('status');
      // Started: the scan's creation answered.
      await settle();
      expect(status).toHaveTextContent('Scan queued…');
      await nextPoll();
      expect(status).toHaveTextContent('Scanning…');
      // Nothing said of what the scan did not judge while it runs.
      expect(screen.queryByRole('link', { name: /^Not judged/ })).toBeNull();

      await nextPoll();
      expect(
        await screen.findByRole('link', {
          name: 'Not judged: 2 files skipped, 3 kinds of construct or resource not modelled',
        }),
      ).toBeInTheDocument();
      expect(await findCard('Not judged')).toBeInTheDocument();
    } finally {
      await restoreRealClock();
    }
  });

  it('rings the link to the card when a keyboard focuses it', async () => {
    await renderComplianceTab(apiWithLastScan(fixtures.partlyJudgedScan));
    const link = await screen.findByRole('link', { name: /^Not judged/ });
    await tabTo(link);
    expect(link).toHaveFocus();
    expect(getComputedStyle(link).outlineStyle).toBe('solid');
  });
});
