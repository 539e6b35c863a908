import { useState } from 'react';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { lightTheme } from '@backstage/theme';
import type {
  EntityScorecard,
  Grade,
  Scan,
} from '@infra-compliance/backstage-plugin-infra-compliance-common';
import {
  apiWithScanUnderWay,
  FakeInfraComplianceApi,
} from '../../__testUtils__/FakeInfraComplianceApi';
import * as fixtures from '../../__testUtils__/fixtures';
import { holdAnswers } from '../../__testUtils__/holdAnswers';
import { tabTo } from '../../__testUtils__/keyboardFocus';
import {
  restorePageVisibility,
  setPageVisibility,
  setWindowFocus,
  stayAway,
} from '../../__testUtils__/pageVisibility';
import { renderEntityComponent } from '../../__testUtils__/renderEntityComponent';
import {
  nextPoll,
  restoreRealClock,
  useFakeScanClock,
} from '../../__testUtils__/scanClock';
import { cssRgb, ruleBackgroundColours } from '../../__testUtils__/styleRules';
import { IDLE_RECHECK_MS } from '../shared';
import { gradeColour } from '../shared/gradeColour';
import { EntityInfraComplianceCard } from './EntityInfraComplianceCard';

describe('EntityInfraComplianceCard', () => {
  // After a test on the fake clock (useFakeScanClock), or of a hidden page.
  afterEach(async () => {
    await restoreRealClock();
    restorePageVisibility();
  });

  it('shows the grade, a bar per category and a link to the tab', async () => {
    await renderEntityComponent(<EntityInfraComplianceCard />, {
      entity: fixtures.githubEntity,
    });
    const card = await screen.findByTestId('infra-compliance-card');
    expect(await within(card).findByText('62 / 100')).toBeInTheDocument();
    expect(within(card).getByLabelText('Grade D')).toBeInTheDocument();
    expect(
      within(card).getByLabelText('Dead-letter queues score'),
    ).toHaveAttribute('aria-valuenow', '0');
    expect(within(card).getByLabelText('Encryption score')).toHaveAttribute(
      'aria-valuenow',
      '80',
    );
    expect(within(card).getByText('Not applicable')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /View findings/ })).toHaveAttribute(
      'href',
      expect.stringMatching(/compliance$/),
    );
  });

  it.each([
    [
      { critical: 0, high: 2, medium: 1, low: 0, total: 3 },
      '3 open findings (0 critical, 2 high)',
    ],
    [
      { critical: 0, high: 1, medium: 0, low: 0, total: 1 },
      '1 open finding (0 critical, 1 high)',
    ],
    [{ critical: 0, high: 0, medium: 0, low: 0, total: 0 }, 'No open findings'],
  ])('counts the open findings in words: %j as "%s"', async (open, text) => {
    const api = new FakeInfraComplianceApi();
    api.scorecard = { ...fixtures.scorecard, open };
    await renderEntityComponent(<EntityInfraComplianceCard />, {
      entity: fixtures.githubEntity,
      api,
    });
    const card = await screen.findByTestId('infra-compliance-card');
    expect(await within(card).findByText(text)).toBeInTheDocument();
  });

  it("colours each category's bar as the badge of its grade", async () => {
    await renderEntityComponent(<EntityInfraComplianceCard />, {
      entity: fixtures.githubEntity,
    });
    const card = await screen.findByTestId('infra-compliance-card');
    expect(await within(card).findByText('62 / 100')).toBeInTheDocument();
    const barColours = (label: string) =>
      ruleBackgroundColours(
        within(card)
          .getByLabelText(label)
          .querySelector('.MuiLinearProgress-bar')!,
      );
    const colourOf = (grade: Grade) => cssRgb(gradeColour(lightTheme, grade));
    // dlq 0 is grade F, alarms 50 grade E, encryption 80 grade B.
    expect(barColours('Dead-letter queues score')).toContain(colourOf('F'));
    expect(barColours('Alarms score')).toContain(colourOf('E'));
    expect(barColours('Alarms score')).not.toContain(
      cssRgb(lightTheme.palette.status.warning),
    );
    expect(barColours('Encryption score')).toContain(colourOf('B'));
  });

  it('rings the score info button when a keyboard focuses it', async () => {
    await renderEntityComponent(<EntityInfraComplianceCard />, {
      entity: fixtures.githubEntity,
    });
    const card = await screen.findByTestId('infra-compliance-card');
    await within(card).findByText('62 / 100');
    const info = within(card).getByRole('button', {
      name: 'How is this score computed?',
    });
    await tabTo(info);
    expect(info).toHaveFocus();
    expect(getComputedStyle(info).outlineStyle).toBe('solid');
  });

  it('dates the results it shows by the last scan that read them, to the minute', async () => {
    await renderEntityComponent(<EntityInfraComplianceCard />, {
      entity: fixtures.githubEntity,
    });
    const card = await screen.findByTestId('infra-compliance-card');
    const line = await within(card).findByText(/^Last scanned/);
    expect(line.textContent).toMatch(
      /^Last scanned 2026-11-20 \d\d:\d\d \([^)]+\)$/,
    );
    expect(line.querySelector('time')).toHaveAttribute(
      'datetime',
      fixtures.succeededScan.finishedAt,
    );
    expect(within(card).queryByText(/failed/)).toBeNull();
  });

  it('says in a line under the date what the last scan did not judge, and nothing of one that judged all it read or is from before scans recorded it', async () => {
    /** The card's "Not judged" line after `scan`, the last that succeeded. */
    const notJudgedLine = async (scan: Scan) => {
      const api = new FakeInfraComplianceApi();
      api.scorecard = {
        ...fixtures.scorecard,
        lastScan: scan,
        lastSuccessfulScan: scan,
        lastCompletedScan: scan,
      };
      const { unmount } = await renderEntityComponent(
        <EntityInfraComplianceCard />,
        { entity: fixtures.githubEntity, api },
      );
      const card = await screen.findByTestId('infra-compliance-card');
      await within(card).findByText('62 / 100');
      const line = within(card).queryByText(/^Not judged/);
      // The card stays short: the tab lists what the line counts.
      expect(
        within(card).queryByRole('link', { name: /Not judged/ }),
      ).toBeNull();
      const seen = [
        line?.previousElementSibling?.textContent?.startsWith('Last scanned'),
        line?.textContent,
      ];
      unmount();
      return seen;
    };
    expect(await notJudgedLine(fixtures.partlyJudgedScan)).toEqual([
      true,
      'Not judged: 2 files skipped, 3 kinds of construct or resource not modelled',
    ]);
    expect(await notJudgedLine(fixtures.succeededScan)).toEqual([
      undefined,
      undefined,
    ]);
    expect(
      await notJudgedLine({ ...fixtures.succeededScan, coverage: undefined }),
    ).toEqual([undefined, undefined]);
  });

  it('warns that the last scan failed beside the grade of an earlier one, and says when each ran', async () => {
    const api = new FakeInfraComplianceApi();
    api.scorecard = {
      ...fixtures.scorecard,
      lastScan: {
        ...fixtures.succeededScan,
        id: 'failed-scan',
        status: 'failed',
        counts: undefined,
        createdAt: '2026-12-02T08:00:00.000Z',
        finishedAt: '2026-12-02T08:00:02.000Z',
        error: 'Could not read https://github.com/acme/seed-000: 404',
      },
    };
    await renderEntityComponent(<EntityInfraComplianceCard />, {
      entity: fixtures.githubEntity,
      api,
    });
    const card = await screen.findByTestId('infra-compliance-card');
    expect(within(card).getByLabelText('Grade D')).toBeInTheDocument();
    const warning = await within(card).findByRole('note');
    expect(warning.textContent).toMatch(
      /^Last scan failed 2026-12-02 \d\d:\d\d \([^)]+\)\. These results are from the scan of 2026-11-20 \d\d:\d\d \([^)]+\)\.$/,
    );
    expect(
      Array.from(warning.querySelectorAll('time'), time =>
        time.getAttribute('datetime'),
      ),
    ).toEqual(['2026-12-02T08:00:02.000Z', fixtures.succeededScan.finishedAt]);
  });

  it.each([
    ['never scanned', {}, /^Not scanned yet\.$/],
    [
      // The backend reports the scan under way as runningScan: the last
      // scan is set only once one ends.
      'whose scan is queued',
      { runningScan: { ...fixtures.scanUnderWay, status: 'queued' } },
      /^Scan queued: no results yet\.$/,
    ],
    [
      'being scanned',
      { runningScan: fixtures.scanUnderWay },
      /^Scanning now: no results yet\.$/,
    ],
    [
      'whose scans failed',
      {
        lastScan: {
          ...fixtures.succeededScan,
          status: 'failed',
          counts: undefined,
          finishedAt: '2026-12-02T08:00:02.000Z',
          error: 'Could not read https://github.com/acme/seed-000: 404',
        },
      },
      /^Last scan failed 2026-12-02 \d\d:\d\d \([^)]+\): Could not read https:\/\/github\.com\/acme\/seed-000: 404No scan of this entity has succeeded yet\.$/,
    ],
  ] as [string, Pick<EntityScorecard, 'lastScan' | 'runningScan'>, RegExp][])(
    'says the state of an entity %s, as the tab does, and offers no findings before a scan succeeded',
    async (_, scans, text) => {
      const api = new FakeInfraComplianceApi();
      api.scorecard = {
        ...fixtures.scorecard,
        grade: null,
        score: null,
        categories: {},
        lastScan: undefined,
        lastCompletedScan: undefined,
        lastSuccessfulScan: undefined,
        ...scans,
      };
      await renderEntityComponent(<EntityInfraComplianceCard />, {
        entity: fixtures.githubEntity,
        api,
      });
      const card = await screen.findByTestId('infra-compliance-card');
      await waitFor(() => expect(card.textContent).toMatch(text));
      expect(screen.queryByRole('link', { name: /View findings/ })).toBeNull();
      // The tab has the scans' state, and Scan now.
      expect(
        screen.getByRole('link', { name: /View scan status/ }),
      ).toHaveAttribute('href', expect.stringMatching(/compliance$/));
    },
  );

  it('says a scan is under way beside the results of an earlier one, the scorecard reporting it as its runningScan', async () => {
    const api = apiWithScanUnderWay();
    await renderEntityComponent(<EntityInfraComplianceCard />, {
      entity: fixtures.githubEntity,
      api,
    });
    const card = await screen.findByTestId('infra-compliance-card');
    expect(within(card).getByLabelText('Grade D')).toBeInTheDocument();
    expect((await within(card).findByRole('note')).textContent).toMatch(
      /^Scanning now\. These results are from the scan of 2026-11-20 \d\d:\d\d \([^)]+\)\.$/,
    );
    expect(
      screen.getByRole('link', { name: /View findings/ }),
    ).toBeInTheDocument();
  });

  it('reloads once the scan it says is under way ended, no longer "Scanning now" over the results from before it', async () => {
    const api = apiWithScanUnderWay();
    api.scanSteps = ['running', 'succeeded'];
    api.afterScan = { score: 91, grade: 'A' };
    const getScan = jest.spyOn(api, 'getScan');
    useFakeScanClock();
    await renderEntityComponent(<EntityInfraComplianceCard />, {
      entity: fixtures.githubEntity,
      api,
    });
    const card = await screen.findByTestId('infra-compliance-card');
    expect(await within(card).findByRole('note')).toHaveTextContent(
      /^Scanning now\./,
    );
    await nextPoll();
    expect(getScan).toHaveBeenCalledWith(fixtures.scanUnderWay.id);
    expect(within(card).getByText('62 / 100')).toBeInTheDocument();
    expect(within(card).getByRole('note')).toHaveTextContent(/^Scanning now\./);

    await nextPoll();
    expect(await within(card).findByText('91 / 100')).toBeInTheDocument();
    expect(within(card).queryByRole('note')).toBeNull();
    await nextPoll();
    expect(getScan).toHaveBeenCalledTimes(2);
  });

  it('keeps the results, no longer "Scanning now", when the reload after the scan it says is under way fails, and says so until a retry loads the new ones', async () => {
    const api = apiWithScanUnderWay();
    api.scanSteps = ['succeeded'];
    api.afterScan = { score: 91, grade: 'A' };
    const user = useFakeScanClock();
    await renderEntityComponent(<EntityInfraComplianceCard />, {
      entity: fixtures.githubEntity,
      api,
    });
    const card = await screen.findByTestId('infra-compliance-card');
    expect(await within(card).findByRole('note')).toHaveTextContent(
      /^Scanning now\./,
    );
    const getScorecard = api.getScorecard.bind(api);
    const read = jest
      .spyOn(api, 'getScorecard')
      .mockRejectedValueOnce(new TypeError('Failed to fetch'));

    // The scan ended, the reload of its results failed.
    await nextPoll();
    const warning = (
      await within(card).findByText(/^Could not refresh the results/)
    ).closest<HTMLElement>('[aria-live]')!;
    expect(warning).toHaveTextContent(
      'Could not refresh the results: Failed to fetch. They may be out of date.',
    );
    expect(within(card).getByText('62 / 100')).toBeInTheDocument();
    expect(within(card).queryByRole('note')).toBeNull();

    // Retried, its answer slow: the results stay meanwhile.
    const retried = holdAnswers(getScorecard);
    read.mockImplementation(retried.held);
    const retry = within(warning).getByRole('button', { name: 'Retry' });
    await user.click(retry);
    expect(retry).toHaveAttribute('aria-disabled', 'true');
    expect(retry).toHaveFocus();
    expect(within(card).getByText('62 / 100')).toBeInTheDocument();
    expect(within(card).queryByTestId('progress')).toBeNull();
    await act(async () => retried.release());
    expect(await within(card).findByText('91 / 100')).toBeInTheDocument();
    expect(within(card).queryByText(/Could not refresh/)).toBeNull();
    // Retry went with the warning: the focus is on the results it was over,
    // not fallen to the page's body, a screen reader naming them.
    expect(card).toHaveFocus();
    expect(card).toHaveAccessibleName('Infra compliance results');
    expect(
      screen.getByRole('region', { name: 'Infra compliance results' }),
    ).toBe(card);
  });

  it('says the first scan of an entity without results ended, not "Not scanned yet", when the reload of its results fails, until a Retry loads them', async () => {
    const api = new FakeInfraComplianceApi();
    api.scorecard = {
      ...fixtures.scorecard,
      grade: null,
      score: null,
      categories: {},
      lastScan: undefined,
      lastCompletedScan: undefined,
      lastSuccessfulScan: undefined,
      runningScan: fixtures.scanUnderWay,
    };
    api.scanSteps = ['succeeded'];
    api.afterScan = { score: 91, grade: 'A' };
    const user = useFakeScanClock();
    await renderEntityComponent(<EntityInfraComplianceCard />, {
      entity: fixtures.githubEntity,
      api,
    });
    const card = await screen.findByTestId('infra-compliance-card');
    expect(
      await within(card).findByText('Scanning now: no results yet.'),
    ).toBeInTheDocument();
    const read = jest
      .spyOn(api, 'getScorecard')
      .mockRejectedValueOnce(new TypeError('Failed to fetch'));

    // The scan ended, the reload of its results failed.
    await nextPoll();
    const warning = (
      await within(card).findByText(/^Could not refresh the results/)
    ).closest<HTMLElement>('[aria-live]')!;
    expect(within(card).queryByText(/Not scanned yet/)).toBeNull();
    const ended = within(card).getByText(/^Scan finished/);
    expect(ended.textContent).toMatch(
      /^Scan finished 2026-11-21 \d\d:\d\d \([^)]+\): its results could not be loaded\.$/,
    );
    expect(ended.querySelector('time')).toHaveAttribute(
      'datetime',
      '2026-11-21T09:00:02.000Z',
    );

    read.mockRestore();
    await user.click(within(warning).getByRole('button', { name: 'Retry' }));
    expect(await within(card).findByText('91 / 100')).toBeInTheDocument();
    expect(within(card).queryByText(/^Scan finished/)).toBeNull();
  });

  it('shows the results of the scan at the next minute when their reload after it failed, the warning gone', async () => {
    const api = apiWithScanUnderWay();
    api.scanSteps = ['succeeded'];
    api.afterScan = { score: 91, grade: 'A' };
    useFakeScanClock();
    await renderEntityComponent(<EntityInfraComplianceCard />, {
      entity: fixtures.githubEntity,
      api,
    });
    const card = await screen.findByTestId('infra-compliance-card');
    expect(await within(card).findByRole('note')).toBeInTheDocument();
    jest
      .spyOn(api, 'getScorecard')
      .mockRejectedValueOnce(new TypeError('Failed to fetch'));
    await nextPoll();
    expect(
      await within(card).findByText(/^Could not refresh the results/),
    ).toBeInTheDocument();

    await act(() => jest.advanceTimersByTimeAsync(IDLE_RECHECK_MS));
    expect(within(card).getByText('91 / 100')).toBeInTheDocument();
    expect(within(card).queryByText(/Could not refresh/)).toBeNull();
  });

  it('says the results could not be refreshed in a live region there from the start, and again when a Retry fails again, when', async () => {
    const api = apiWithScanUnderWay();
    api.scanSteps = ['succeeded'];
    const user = useFakeScanClock();
    await renderEntityComponent(<EntityInfraComplianceCard />, {
      entity: fixtures.githubEntity,
      api,
    });
    const card = await screen.findByTestId('infra-compliance-card');
    expect(await within(card).findByRole('note')).toBeInTheDocument();
    // Empty, with the results: a live region added with its text is not
    // announced by every screen reader.
    const refreshStatus = within(card).getByTestId(
      'infra-compliance-refresh-status',
    );
    expect(refreshStatus).toHaveAttribute('aria-live', 'polite');
    expect(refreshStatus).toBeEmptyDOMElement();
    jest.spyOn(api, 'getScorecard').mockImplementation(async () => {
      // Each failed request's error its own, as fetch's.
      throw new TypeError('Failed to fetch');
    });
    await nextPoll();
    expect(within(card).getByTestId('infra-compliance-refresh-status')).toBe(
      refreshStatus,
    );
    expect(refreshStatus).toHaveTextContent(
      'Could not refresh the results: Failed to fetch. They may be out of date.Retry',
    );
    // Said by the region alone, not by a live region inside it too.
    expect(within(refreshStatus).queryByRole('status')).toBeNull();
    expect(within(refreshStatus).queryByRole('alert')).toBeNull();

    // Each Retry that fails again changes its text: it said the same.
    const retry = within(refreshStatus).getByRole('button', { name: 'Retry' });
    jest.setSystemTime(new Date(2030, 0, 7, 14, 3, 27));
    await user.click(retry);
    expect(
      await within(refreshStatus).findByText(/again at 14:03:27/),
    ).toBeInTheDocument();
    expect(refreshStatus).toHaveTextContent(
      'Could not refresh the results (again at 14:03:27): Failed to fetch. They may be out of date.Retry',
    );
    jest.setSystemTime(new Date(2030, 0, 7, 14, 3, 41));
    await user.click(retry);
    expect(
      await within(refreshStatus).findByText(/again at 14:03:41/),
    ).toBeInTheDocument();
    expect(retry).toHaveFocus();
  });

  it('says "again" when a Retry fails again, though the client rethrows one error object for every failed read', async () => {
    const api = apiWithScanUnderWay();
    api.scanSteps = ['succeeded'];
    const user = useFakeScanClock();
    await renderEntityComponent(<EntityInfraComplianceCard />, {
      entity: fixtures.githubEntity,
      api,
    });
    const card = await screen.findByTestId('infra-compliance-card');
    expect(await within(card).findByRole('note')).toBeInTheDocument();
    // A client that keeps the last error, as one that caches a failed
    // answer may: the same object each time.
    const unavailable = new Error('Service unavailable');
    jest.spyOn(api, 'getScorecard').mockRejectedValue(unavailable);
    await nextPoll();
    const refreshStatus = within(card).getByTestId(
      'infra-compliance-refresh-status',
    );
    expect(refreshStatus).toHaveTextContent(
      'Could not refresh the results: Service unavailable. They may be out of date.Retry',
    );

    jest.setSystemTime(new Date(2030, 0, 7, 14, 3, 27));
    await user.click(
      within(refreshStatus).getByRole('button', { name: 'Retry' }),
    );
    expect(
      await within(refreshStatus).findByText(/again at 14:03:27/),
    ).toBeInTheDocument();
    jest.setSystemTime(new Date(2030, 0, 7, 14, 3, 41));
    await user.click(
      within(refreshStatus).getByRole('button', { name: 'Retry' }),
    );
    expect(
      await within(refreshStatus).findByText(/again at 14:03:41/),
    ).toBeInTheDocument();
  });

  it('says a scan started elsewhere is under way once the page is shown again, and shows its results once it ended, the earlier ones on screen meanwhile', async () => {
    useFakeScanClock();
    const api = new FakeInfraComplianceApi();
    await renderEntityComponent(<EntityInfraComplianceCard />, {
      entity: fixtures.githubEntity,
      api,
    });
    const card = await screen.findByTestId('infra-compliance-card');
    expect(await within(card).findByText('62 / 100')).toBeInTheDocument();
    setPageVisibility('hidden');
    // Another user's scan, started while the page was hidden.
    api.scanSteps = ['running', 'succeeded'];
    api.afterScan = { score: 91, grade: 'A' };
    await api.startScan(getCompoundEntityRef(fixtures.githubEntity));

    stayAway();
    setPageVisibility('visible');
    expect(await within(card).findByRole('note')).toHaveTextContent(
      /^Scan queued\. These results are from the scan of 2026-11-20/,
    );
    await nextPoll();
    const reload = holdAnswers(api.getScorecard.bind(api));
    jest.spyOn(api, 'getScorecard').mockImplementation(reload.held);
    await nextPoll();
    // Ended, its results on their way: the card keeps the earlier ones.
    expect(within(card).getByText('62 / 100')).toBeInTheDocument();
    expect(within(card).queryByTestId('progress')).toBeNull();

    await act(async () => reload.release());
    expect(await within(card).findByText('91 / 100')).toBeInTheDocument();
    expect(within(card).queryByRole('note')).toBeNull();
  });

  it('shows the results of a scan that ended while another window had the focus once it is back, the earlier ones on screen while they are read', async () => {
    const api = new FakeInfraComplianceApi();
    await renderEntityComponent(<EntityInfraComplianceCard />, {
      entity: fixtures.githubEntity,
      api,
    });
    const card = await screen.findByTestId('infra-compliance-card');
    expect(await within(card).findByText('62 / 100')).toBeInTheDocument();
    // Another window in front, the page still visible beside it.
    setWindowFocus(false);
    api.scanSteps = ['succeeded'];
    api.afterScan = { score: 91, grade: 'A' };
    const { scanId } = await api.startScan(
      getCompoundEntityRef(fixtures.githubEntity),
    );
    await api.getScan(scanId);
    const recheck = holdAnswers(api.getScorecard.bind(api));
    const getScorecard = jest
      .spyOn(api, 'getScorecard')
      .mockImplementation(recheck.held);

    stayAway();
    setWindowFocus(true);
    expect(getScorecard).toHaveBeenCalledTimes(1);
    await act(() => new Promise(resolve => setTimeout(resolve, 300)));
    expect(within(card).getByText('62 / 100')).toBeInTheDocument();
    expect(within(card).queryByTestId('progress')).toBeNull();

    await act(async () => recheck.release());
    expect(await within(card).findByText('91 / 100')).toBeInTheDocument();
    expect(
      within(card)
        .getByText(/^Last scanned/)
        .querySelector('time'),
    ).toHaveAttribute('datetime', '2026-11-21T09:00:02.000Z');
  });

  it('asks nothing of the scan it says is under way while the page is hidden, and its status at once when shown again', async () => {
    useFakeScanClock();
    const api = new FakeInfraComplianceApi();
    api.scanSteps = ['running', 'succeeded'];
    api.afterScan = { score: 91, grade: 'A' };
    await api.startScan(getCompoundEntityRef(fixtures.githubEntity));
    const getScan = jest.spyOn(api, 'getScan');
    await renderEntityComponent(<EntityInfraComplianceCard />, {
      entity: fixtures.githubEntity,
      api,
    });
    const card = await screen.findByTestId('infra-compliance-card');
    expect(await within(card).findByRole('note')).toBeInTheDocument();
    await nextPoll();
    expect(getScan).toHaveBeenCalledTimes(1);

    setPageVisibility('hidden');
    await act(() => jest.advanceTimersByTimeAsync(60_000));
    expect(getScan).toHaveBeenCalledTimes(1);

    setPageVisibility('visible');
    expect(await within(card).findByText('91 / 100')).toBeInTheDocument();
    expect(getScan).toHaveBeenCalledTimes(2);
  });

  it("shows nothing of the previous entity's scorecard while the one of the entity the page moved to loads", async () => {
    const api = new FakeInfraComplianceApi();
    const otherEntity: Entity = {
      ...fixtures.githubEntity,
      metadata: { ...fixtures.githubEntity.metadata, name: 'seed-000-fixed' },
    };
    const getScorecard = api.getScorecard.bind(api);
    const otherScorecard = holdAnswers(async () => ({
      ...fixtures.scorecard,
      score: 91,
      grade: 'A' as const,
    }));
    api.getScorecard = async ref =>
      ref.name === otherEntity.metadata.name
        ? otherScorecard.held()
        : getScorecard(ref);
    // The overview stays mounted when the route moves to another entity.
    function MovingOverview() {
      const [entity, setEntity] = useState(fixtures.githubEntity);
      return (
        <>
          <button onClick={() => setEntity(otherEntity)}>
            Go to the other entity
          </button>
          <EntityProvider entity={entity}>
            <EntityInfraComplianceCard />
          </EntityProvider>
        </>
      );
    }
    await renderEntityComponent(<MovingOverview />, {
      entity: fixtures.githubEntity,
      api,
    });
    const card = await screen.findByTestId('infra-compliance-card');
    expect(await within(card).findByText('62 / 100')).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Go to the other entity' }),
    );
    expect(within(card).queryByText('62 / 100')).toBeNull();
    expect(within(card).getByTestId('progress')).toBeInTheDocument();
    await act(async () => otherScorecard.release());
    expect(await within(card).findByText('91 / 100')).toBeInTheDocument();
  });

  it('says when the entity cannot be scanned', async () => {
    const api = new FakeInfraComplianceApi();
    api.scorecard = {
      ...fixtures.scorecard,
      grade: null,
      score: null,
      entity: {
        ...fixtures.scorecard.entity!,
        scannable: false,
        unscannableReason:
          'Opted out with the infra-compliance/skip annotation',
      },
    };
    await renderEntityComponent(<EntityInfraComplianceCard />, {
      entity: fixtures.githubEntity,
      api,
    });
    expect(
      await screen.findByText(
        /Opted out with the infra-compliance\/skip annotation/,
      ),
    ).toBeInTheDocument();
    // It has no findings, nor scans to follow.
    expect(screen.queryByRole('link')).toBeNull();
  });

  it('says when the last scan found no infrastructure code', async () => {
    const api = new FakeInfraComplianceApi();
    api.scorecard = {
      ...fixtures.scorecard,
      grade: null,
      score: null,
      categories: {},
      lastSuccessfulScan: {
        ...fixtures.scorecard.lastSuccessfulScan!,
        counts: {
          ...fixtures.scorecard.lastSuccessfulScan!.counts!,
          filesScanned: 0,
        },
      },
    };
    await renderEntityComponent(<EntityInfraComplianceCard />, {
      entity: fixtures.githubEntity,
      api,
    });
    expect(
      await screen.findByText(/No infrastructure code found/),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Not scanned yet/)).toBeNull();
    expect(screen.queryByRole('link', { name: /View findings/ })).toBeNull();
    expect(
      screen.getByRole('link', { name: /View scan status/ }),
    ).toBeInTheDocument();
  });

  it('says when the last scan skipped all the infrastructure code it found, and what', async () => {
    const api = new FakeInfraComplianceApi();
    const { coverage } = fixtures.partlyJudgedScan;
    api.scorecard = {
      ...fixtures.scorecard,
      grade: null,
      score: null,
      categories: {},
      lastSuccessfulScan: {
        ...fixtures.scorecard.lastSuccessfulScan!,
        counts: {
          ...fixtures.scorecard.lastSuccessfulScan!.counts!,
          filesScanned: 0,
          filesSkipped: 1,
        },
        // A Python CDK app: its cdk.json names no entry point the engine reads.
        coverage: { skipped: coverage!.skipped.slice(0, 1), notModelled: [] },
      },
    };
    await renderEntityComponent(<EntityInfraComplianceCard />, {
      entity: fixtures.githubEntity,
      api,
    });
    const card = await screen.findByTestId('infra-compliance-card');
    expect(
      await within(card).findByText(
        'No infrastructure code read: the last scan skipped every file of it that it found.',
      ),
    ).toBeInTheDocument();
    expect(
      within(card).getByText('Not judged: 1 file skipped'),
    ).toBeInTheDocument();
    expect(within(card).queryByText(/No infrastructure code found/)).toBeNull();
  });
});
