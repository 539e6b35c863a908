import { screen } from '@testing-library/react';
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
