import { screen } from '@testing-library/react';
import type { EntityScorecard, Scan } from '../api';
import * as fixtures from '../__testUtils__/fixtures';
import { FakeInfraComplianceApi } from '../__testUtils__/FakeInfraComplianceApi';
import { renderEntityComponent } from '../__testUtils__/renderEntityComponent';
import { EntityInfraComplianceCard } from './EntityInfraComplianceCard';
import { EntityInfraComplianceContent } from './EntityInfraComplianceContent';
import { InfraComplianceGroupCard } from './InfraComplianceGroupCard';
import { InfraCompliancePage } from './InfraCompliancePage';

/** The page's headings in order, each as `h<level> <text>`. */
function headings(): string[] {
  return screen
    .getAllByRole('heading')
    .map(heading => `${heading.tagName.toLowerCase()} ${heading.textContent}`);
}

/**
 * No heading more than one level below the one before it; under an entity
 * page's title (h1) for the components of an entity page.
 */
function expectNoSkippedLevel(list: string[], startLevel: number) {
  let previous = startLevel;
  for (const heading of list) {
    const level = Number(heading[1]);
    expect([heading, level <= previous + 1]).toEqual([heading, true]);
    previous = level;
  }
}

describe('headings', () => {
  it('orders the Compliance tab under the entity page title: card titles and tables h2, what is in a card h3', async () => {
    await renderEntityComponent(<EntityInfraComplianceContent />, {
      entity: fixtures.githubEntity,
    });
    await screen.findByText('Findings (2)');
    const waivers = await screen.findByText(/^Waivers \(\d+\)$/);
    expect(headings()).toEqual([
      'h2 Scorecard',
      'h3 Open findings by severity',
      'h2 History',
      'h3 Score',
      'h3 Findings opened and resolved per day',
      'h2 Category scores',
      'h3 Dead-letter queues',
      'h3 Alarms',
      'h3 Encryption',
      'h3 IAM scoping',
      'h3 Logging',
      'h3 Operations',
      'h2 Findings (2)',
      `h2 ${waivers.textContent}`,
      'h2 Recent scans',
    ]);
    expectNoSkippedLevel(headings(), 1);
  });

  it("titles the card of what the grade does not judge as the tab's other cards, its lists under h3, last", async () => {
    const api = new FakeInfraComplianceApi();
    const scan = fixtures.partlyJudgedScan;
    api.scorecard = {
      ...fixtures.scorecard,
      lastScan: scan,
      lastSuccessfulScan: scan,
      lastCompletedScan: scan,
    };
    await renderEntityComponent(<EntityInfraComplianceContent />, {
      entity: fixtures.githubEntity,
      api,
    });
    await screen.findByText('Findings (2)');
    await screen.findByText(/^Waivers \(\d+\)$/);
    expect(headings().slice(-3)).toEqual([
      'h2 Not judged',
      'h3 Files skipped (2)',
      'h3 Not modelled',
    ]);
    expectNoSkippedLevel(headings(), 1);
  });

  const judgedNothing: Scan = {
    ...fixtures.succeededScan,
    counts: fixtures.nothingJudged,
  };
  const failedScan: Scan = {
    ...fixtures.succeededScan,
    status: 'failed',
    error: 'FetchError: getaddrinfo ENOTFOUND api.github.com',
  };

  // EmptyState titled them with an h5, WarningPanel with an h6, right
  // under the page's h1.
  it.each<[string, Partial<EntityScorecard>, string, string[]]>([
    [
      'not scanned yet',
      { lastScan: undefined, lastSuccessfulScan: undefined },
      'Recent scans',
      ['h2 Not scanned yet', 'h2 Recent scans'],
    ],
    [
      'a failed first scan',
      { lastScan: failedScan, lastSuccessfulScan: undefined },
      'Recent scans',
      [
        'h2 Error: Last scan failed (2026-11-20 08:00)',
        'h2 No successful scan yet',
        'h2 Recent scans',
      ],
    ],
    [
      'an entity that cannot be scanned',
      {
        entity: {
          ...fixtures.scorecard.entity!,
          scannable: false,
          unscannableReason: 'It has no source location.',
        },
      },
      'This entity cannot be scanned',
      ['h2 This entity cannot be scanned'],
    ],
    [
      'no infrastructure code found',
      { lastScan: judgedNothing, lastSuccessfulScan: judgedNothing },
      'Recent scans',
      [
        'h2 Info: No infrastructure code found',
        'h2 Scorecard',
        'h3 Open findings by severity',
      ],
    ],
  ])(
    'orders the Compliance tab under the entity page title when it shows %s',
    async (_, scorecard, last, expected) => {
      const api = new FakeInfraComplianceApi();
      api.scorecard = {
        ...fixtures.scorecard,
        grade: null,
        score: null,
        categories: {},
        ...scorecard,
      };
      await renderEntityComponent(<EntityInfraComplianceContent />, {
        entity: fixtures.githubEntity,
        api,
      });
      await screen.findByText(last);
      expect(headings().slice(0, expected.length)).toEqual(expected);
      expectNoSkippedLevel(headings(), 1);
    },
  );

  it('orders the Compliance tab under the entity page title when its first load failed', async () => {
    const api = new FakeInfraComplianceApi();
    jest
      .spyOn(api, 'getScorecard')
      .mockRejectedValue(new Error('scorecard unavailable'));
    await renderEntityComponent(<EntityInfraComplianceContent />, {
      entity: fixtures.githubEntity,
      api,
    });
    await screen.findByRole('button', { name: 'Retry' });
    expect(headings()).toEqual(['h2 Error: scorecard unavailable']);
  });

  // ResponseErrorPanel's title, an h6 (its Typography variant), right
  // under the card's h2.
  it.each<[string, (api: FakeInfraComplianceApi) => void, string[]]>([
    [
      'the history',
      api =>
        jest
          .spyOn(api, 'getHistory')
          .mockRejectedValue(new Error('history unavailable')),
      ['h2 History', 'h3 Error: history unavailable', 'h2 Category scores'],
    ],
    [
      'the recent scans',
      api =>
        jest
          .spyOn(api, 'listScans')
          .mockRejectedValue(new Error('scans unavailable')),
      ['h2 Recent scans', 'h3 Error: scans unavailable'],
    ],
  ])(
    'titles the error of a card of the Compliance tab that could not load %s under the card title',
    async (_, fail, expected) => {
      const api = new FakeInfraComplianceApi();
      fail(api);
      await renderEntityComponent(<EntityInfraComplianceContent />, {
        entity: fixtures.githubEntity,
        api,
      });
      await screen.findByText('Findings (2)');
      await screen.findByText(expected[1].slice(3));
      const list = headings();
      expect(
        list.slice(list.indexOf(expected[0]), list.indexOf(expected[0]) + 3),
      ).toEqual(expect.arrayContaining(expected));
      expect(list[list.indexOf(expected[0]) + 1]).toBe(expected[1]);
      expectNoSkippedLevel(list, 1);
    },
  );

  it('titles the error of the overview card and the group card under the card title', async () => {
    const api = new FakeInfraComplianceApi();
    jest
      .spyOn(api, 'getScorecard')
      .mockRejectedValue(new Error('scorecard unavailable'));
    jest
      .spyOn(api, 'getGroupRollup')
      .mockRejectedValue(new Error('roll-up unavailable'));
    const card = await renderEntityComponent(<EntityInfraComplianceCard />, {
      entity: fixtures.githubEntity,
      api,
    });
    await screen.findByText('Error: scorecard unavailable');
    expect(headings()).toEqual([
      'h2 Infra compliance',
      'h3 Error: scorecard unavailable',
    ]);
    card.unmount();
    await renderEntityComponent(<InfraComplianceGroupCard />, {
      entity: fixtures.groupEntity,
      api,
    });
    await screen.findByText('Error: roll-up unavailable');
    expect(headings()).toEqual([
      'h2 Infra compliance',
      'h3 Error: roll-up unavailable',
    ]);
  });

  it("titles the organisation page's error under its overview", async () => {
    const api = new FakeInfraComplianceApi();
    jest
      .spyOn(api, 'getRollup')
      .mockRejectedValue(new Error('roll-up unavailable'));
    await renderEntityComponent(<InfraCompliancePage />, {
      entity: fixtures.groupEntity,
      api,
    });
    await screen.findByRole('button', { name: 'Retry' });
    const list = headings();
    expect(list.slice(0, 3)).toEqual([
      'h1 Infra compliance',
      'h2 Organisation overview',
      'h3 Error: Could not load the compliance figures',
    ]);
    expectNoSkippedLevel(list, 0);
  });

  it("titles the overview card's section as a heading under the entity page's title", async () => {
    await renderEntityComponent(<EntityInfraComplianceCard />, {
      entity: fixtures.githubEntity,
    });
    await screen.findByText('62 / 100');
    expect(headings()).toEqual(['h2 Infra compliance']);
  });

  it('orders the group card under the entity page title, its chart named as on the tab and the organisation page', async () => {
    await renderEntityComponent(<InfraComplianceGroupCard />, {
      entity: fixtures.groupEntity,
    });
    await screen.findByText('Average score 81');
    expect(headings()).toEqual([
      'h2 Infra compliance',
      'h3 Findings opened and resolved per day',
      'h3 Services',
    ]);
    expectNoSkippedLevel(headings(), 1);
  });

  it('orders the organisation page: its title, then its sections, its chart named as on the tab and the group card', async () => {
    await renderEntityComponent(<InfraCompliancePage />, {
      entity: fixtures.groupEntity,
      api: new FakeInfraComplianceApi(),
    });
    await screen.findByText(/^Services \(\d+\)$/);
    await screen.findByText('Rules failing most');
    const list = headings();
    expect(list.filter(heading => heading.startsWith('h1'))).toEqual([
      'h1 Infra compliance',
    ]);
    expect(list).toEqual(
      expect.arrayContaining([
        'h2 Organisation overview',
        'h2 Organisation',
        'h2 Rules failing most',
        'h2 Teams leaderboard',
        'h2 Findings opened and resolved per day',
      ]),
    );
    expectNoSkippedLevel(list, 0);
  });
});
