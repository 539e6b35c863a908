import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { FakeInfraComplianceApi } from '../../__testUtils__/FakeInfraComplianceApi';
import * as fixtures from '../../__testUtils__/fixtures';
import { holdAnswers } from '../../__testUtils__/holdAnswers';
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
  settle,
  useFakeScanClock,
} from '../../__testUtils__/scanClock';
import {
  IDLE_RECHECK_MS,
  RETURN_RECHECK_AFTER_MS,
  SCAN_POLL_INTERVAL_MS,
} from '../shared';
import { EntityInfraComplianceContent } from './EntityInfraComplianceContent';

const ENTITY = getCompoundEntityRef(fixtures.githubEntity);

const render = (api: FakeInfraComplianceApi) =>
  renderEntityComponent(<EntityInfraComplianceContent />, {
    entity: fixtures.githubEntity,
    api,
  });

/**
 * A scan another tab (another user, the scheduler) ran to its end while
 * the page was hidden: ENC-001 fixed, the score 91, a day more of history.
 */
async function scanElsewhere(api: FakeInfraComplianceApi) {
  api.scanSteps = ['succeeded'];
  api.afterScan = { score: 91, grade: 'A' };
  const { scanId } = await api.startScan(ENTITY);
  const scan = await api.getScan(scanId);
  api.findings = fixtures.findings.filter(f => f.ruleId !== 'ENC-001');
  api.history = {
    ...fixtures.history,
    snapshots: [
      ...fixtures.history.snapshots,
      {
        scanId,
        takenAt: scan.finishedAt!,
        grade: 'A',
        score: 91,
        open: { critical: 0, high: 1, medium: 0, low: 0, total: 1 },
        new: 1,
        reopened: 0,
        resolved: 2,
      },
    ],
  };
}

describe('EntityInfraComplianceContent, when the user comes back to the page', () => {
  afterEach(async () => {
    await restoreRealClock();
    restorePageVisibility();
  });

  it('shows the progress of a scan started elsewhere while the page was hidden, then its results', async () => {
    useFakeScanClock();
    const api = new FakeInfraComplianceApi();
    await render(api);
    const button = await screen.findByRole('button', { name: 'Scan now' });
    setPageVisibility('hidden');
    api.scanSteps = ['running', 'succeeded'];
    api.afterScan = { score: 91, grade: 'A' };
    await api.startScan(ENTITY);

    stayAway();
    setPageVisibility('visible');
    await settle();
    expect(screen.getByTestId('infra-compliance-scanning')).toBeInTheDocument();
    expect(button).toHaveTextContent('Scanning…');
    expect(button).toHaveAttribute('aria-disabled', 'true');
    // The results of the scan before it, meanwhile.
    expect(screen.getByText('62 / 100')).toBeInTheDocument();

    await nextPoll();
    expect(screen.getByTestId('infra-compliance-scanning')).toBeInTheDocument();
    await nextPoll();
    expect(await screen.findByText('91 / 100')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent(
      'Scan finished: 1 new, 2 resolved.',
    );
    expect(screen.queryByTestId('infra-compliance-scanning')).toBeNull();
    expect(button).toHaveTextContent('Scan now');
  });

  it('shows the results of a scan that ended elsewhere in place of the previous ones, which stay while the scorecard is read again', async () => {
    const api = new FakeInfraComplianceApi();
    await render(api);
    expect(await screen.findByText('Findings (2)')).toBeInTheDocument();
    setPageVisibility('hidden');
    await scanElsewhere(api);
    const recheck = holdAnswers(api.getScorecard.bind(api));
    const getScorecard = jest
      .spyOn(api, 'getScorecard')
      .mockImplementation(recheck.held);
    const getHistory = jest.spyOn(api, 'getHistory');

    stayAway();
    setPageVisibility('visible');
    expect(getScorecard).toHaveBeenCalledTimes(1);
    // Read again, the answer on its way: the results as they were, no spinner.
    await act(() => new Promise(resolve => setTimeout(resolve, 300)));
    expect(screen.getByText('62 / 100')).toBeInTheDocument();
    expect(screen.getByText('Findings (2)')).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: 'Score history: 2 days, latest 62' }),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('progress')).toBeNull();

    await act(async () => recheck.release());
    expect(await screen.findByText('91 / 100')).toBeInTheDocument();
    expect(await screen.findByText('Findings (1)')).toBeInTheDocument();
    expect(
      await screen.findByRole('img', {
        name: 'Score history: 3 days, latest 91',
      }),
    ).toBeInTheDocument();
    expect(getHistory).toHaveBeenCalledTimes(1);
    // The scorecard is not read a second time for the results beside it.
    expect(getScorecard).toHaveBeenCalledTimes(1);
  });

  it('keeps the waiver dialog open, its reason typed in, while the results of a scan that ended elsewhere reload under it', async () => {
    const api = new FakeInfraComplianceApi();
    await render(api);
    await userEvent.click(
      await screen.findByRole('button', {
        name: /^Show details of \S+ on DataProcessor$/,
      }),
    );
    // By its text: a role query over the whole tab is slow on a loaded machine.
    await userEvent.click(await screen.findByText('Waive this finding'));
    const dialog = await screen.findByRole('dialog');
    const reason = within(dialog).getByLabelText(/Reason/);
    await userEvent.type(reason, 'Replayed from the source');
    setWindowFocus(false);
    setPageVisibility('hidden');
    await scanElsewhere(api);

    stayAway();
    setPageVisibility('visible');
    setWindowFocus(true);
    expect(await screen.findByText('91 / 100')).toBeInTheDocument();
    expect(await screen.findByText('Findings (1)')).toBeInTheDocument();
    expect(screen.getByRole('dialog')).toBe(dialog);
    expect(reason).toHaveValue('Replayed from the source');
  });

  it('reads the scorecard once for the events of a return and each minute the page stays visible, never while hidden, the results only when a scan ended', async () => {
    const user = useFakeScanClock();
    const api = new FakeInfraComplianceApi();
    await render(api);
    expect(await screen.findByText('Findings (2)')).toBeInTheDocument();
    // A finding's details, open: they stay open through the reads.
    await user.click(
      await screen.findByRole('button', {
        name: /^Show details of \S+ on DataProcessor$/,
      }),
    );
    const waive = await screen.findByText('Waive this finding');
    const getScorecard = jest.spyOn(api, 'getScorecard');
    const getHistory = jest.spyOn(api, 'getHistory');
    const findingQueries = api.findingQueries.length;

    setWindowFocus(false);
    setPageVisibility('hidden');
    await act(() => jest.advanceTimersByTimeAsync(5 * IDLE_RECHECK_MS));
    expect(getScorecard).not.toHaveBeenCalled();

    // Shown again, the window focused, as the browser reports a return;
    // then focused again without leaving.
    setPageVisibility('visible');
    setWindowFocus(true);
    setPageVisibility('visible');
    setWindowFocus(true);
    await settle();
    expect(getScorecard).toHaveBeenCalledTimes(1);
    // Nothing new: the results are not read again, the tables keep their rows.
    expect(getHistory).not.toHaveBeenCalled();
    expect(api.findingQueries).toHaveLength(findingQueries);

    await act(() => jest.advanceTimersByTimeAsync(IDLE_RECHECK_MS));
    expect(getScorecard).toHaveBeenCalledTimes(2);
    expect(getHistory).not.toHaveBeenCalled();
    expect(waive).toBeInTheDocument();
  });

  it('reads the scorecard on a return only once the last read is a while old: switching windows back and forth asks once', async () => {
    useFakeScanClock();
    const api = new FakeInfraComplianceApi();
    await render(api);
    expect(await screen.findByText('Findings (2)')).toBeInTheDocument();
    const getScorecard = jest.spyOn(api, 'getScorecard');
    await act(() => jest.advanceTimersByTimeAsync(RETURN_RECHECK_AFTER_MS));

    // Alt-tab, back and forth a second apart; then another browser tab and back.
    for (let i = 0; i < 5; i++) {
      setWindowFocus(false);
      await act(() => jest.advanceTimersByTimeAsync(1000));
      setWindowFocus(true);
      await settle();
    }
    setPageVisibility('hidden');
    setPageVisibility('visible');
    await settle();
    expect(getScorecard).toHaveBeenCalledTimes(1);

    // Back a while after the last read: read again.
    setWindowFocus(false);
    await act(() => jest.advanceTimersByTimeAsync(RETURN_RECHECK_AFTER_MS));
    setWindowFocus(true);
    await settle();
    expect(getScorecard).toHaveBeenCalledTimes(2);
    // And each minute the page stays visible.
    await act(() => jest.advanceTimersByTimeAsync(IDLE_RECHECK_MS));
    expect(getScorecard).toHaveBeenCalledTimes(3);
  });

  it('does not ask again at each return while the reads fail: switching windows during an outage asks once a while', async () => {
    useFakeScanClock();
    const api = new FakeInfraComplianceApi();
    await render(api);
    expect(await screen.findByText('Findings (2)')).toBeInTheDocument();
    const getScorecard = jest
      .spyOn(api, 'getScorecard')
      .mockRejectedValue(new TypeError('Failed to fetch'));
    await act(() => jest.advanceTimersByTimeAsync(RETURN_RECHECK_AFTER_MS));

    for (let i = 0; i < 5; i++) {
      setWindowFocus(false);
      await act(() => jest.advanceTimersByTimeAsync(1000));
      setWindowFocus(true);
      await settle();
    }
    expect(getScorecard).toHaveBeenCalledTimes(1);
    expect(screen.getByText('Findings (2)')).toBeInTheDocument();

    setWindowFocus(false);
    await act(() => jest.advanceTimersByTimeAsync(RETURN_RECHECK_AFTER_MS));
    setWindowFocus(true);
    await settle();
    expect(getScorecard).toHaveBeenCalledTimes(2);
  });

  it('asks nothing of the scan it follows while the page is hidden, and its status at once when shown again', async () => {
    const user = useFakeScanClock();
    const api = new FakeInfraComplianceApi();
    api.scanSteps = ['running', 'running', 'succeeded'];
    api.afterScan = { score: 91, grade: 'A' };
    const getScan = jest.spyOn(api, 'getScan');
    await render(api);
    await user.click(await screen.findByRole('button', { name: 'Scan now' }));
    await settle();
    await nextPoll();
    expect(getScan).toHaveBeenCalledTimes(1);

    setPageVisibility('hidden');
    await act(() => jest.advanceTimersByTimeAsync(IDLE_RECHECK_MS));
    expect(getScan).toHaveBeenCalledTimes(1);

    setPageVisibility('visible');
    await settle();
    expect(getScan).toHaveBeenCalledTimes(2);
    expect(screen.getByTestId('infra-compliance-scanning')).toBeInTheDocument();
    await nextPoll();
    expect(await screen.findByText('91 / 100')).toBeInTheDocument();
    expect(getScan).toHaveBeenCalledTimes(3);
  });

  it('reads the results once when the scan it follows ended while the page was hidden', async () => {
    const user = useFakeScanClock();
    const api = new FakeInfraComplianceApi();
    api.scanSteps = ['running', 'succeeded'];
    api.afterScan = { score: 91, grade: 'A' };
    await render(api);
    await user.click(await screen.findByRole('button', { name: 'Scan now' }));
    await settle();
    await nextPoll();
    setPageVisibility('hidden');
    // Its end, as the backend records it.
    await api.getScan('b7a1e2c3-0000-4000-8000-00000000000f');
    const getHistory = jest.spyOn(api, 'getHistory');
    const findingQueries = api.findingQueries.length;

    // Its status and the scorecard, read at once, both say it ended.
    setPageVisibility('visible');
    expect(await screen.findByText('91 / 100')).toBeInTheDocument();
    await act(() => jest.advanceTimersByTimeAsync(SCAN_POLL_INTERVAL_MS));
    expect(getHistory).toHaveBeenCalledTimes(1);
    expect(api.findingQueries).toHaveLength(findingQueries + 1);
  });

  it('stops saying it could not follow the scan it started once the scorecard read on return shows it ended, and says what it found', async () => {
    const user = useFakeScanClock();
    const api = new FakeInfraComplianceApi();
    api.scanSteps = ['succeeded'];
    api.afterScan = { score: 91, grade: 'A' };
    // The scan's status unreadable (the network down) while it runs to its end.
    const getScan = jest
      .spyOn(api, 'getScan')
      .mockRejectedValue(new TypeError('Failed to fetch'));
    await render(api);
    const status = await screen.findByRole('status');
    await user.click(await screen.findByRole('button', { name: 'Scan now' }));
    await settle();
    await nextPoll();
    await nextPoll();
    await nextPoll();
    expect(
      screen.getByText(/^Error: Could not follow the scan/),
    ).toBeInTheDocument();
    getScan.mockRestore();
    // Its end, as the backend records it.
    await api.getScan('b7a1e2c3-0000-4000-8000-00000000000f');

    setPageVisibility('hidden');
    stayAway();
    setPageVisibility('visible');
    expect(await screen.findByText('91 / 100')).toBeInTheDocument();
    expect(screen.queryByText(/Could not follow the scan/)).toBeNull();
    expect(status).toHaveTextContent('Scan finished: 1 new, 2 resolved.');
  });

  it('stops following a scan found under way whose status it cannot read once the scorecard read on return shows it ended, and shows its results', async () => {
    useFakeScanClock();
    const api = new FakeInfraComplianceApi();
    // The scheduler's scan, under way when the user opens the tab.
    const { scanId } = await api.startScan(ENTITY);
    api.scanSteps = ['succeeded'];
    api.afterScan = { score: 91, grade: 'A' };
    const scanAsRecorded = api.getScan.bind(api);
    const getScan = jest
      .spyOn(api, 'getScan')
      .mockRejectedValue(new TypeError('Failed to fetch'));
    await render(api);
    expect(
      await screen.findByTestId('infra-compliance-scanning'),
    ).toBeInTheDocument();
    await nextPoll();
    await nextPoll();
    await nextPoll();
    expect(
      screen.getByText(/^Error: Could not follow the scan/),
    ).toBeInTheDocument();
    // Its end, as the backend records it; its status still unreadable here.
    await scanAsRecorded(scanId);
    api.findings = fixtures.findings.filter(f => f.ruleId !== 'ENC-001');

    setPageVisibility('hidden');
    stayAway();
    setPageVisibility('visible');
    expect(await screen.findByText('91 / 100')).toBeInTheDocument();
    expect(await screen.findByText('Findings (1)')).toBeInTheDocument();
    expect(screen.queryByText(/Could not follow the scan/)).toBeNull();
    const polls = getScan.mock.calls.length;
    await nextPoll();
    await nextPoll();
    expect(getScan).toHaveBeenCalledTimes(polls);
  });

  it('reads neither the history nor the findings again, their details left open, when a scan that ended elsewhere found the source unchanged', async () => {
    const api = new FakeInfraComplianceApi();
    await render(api);
    await userEvent.click(
      await screen.findByRole('button', {
        name: /^Show details of \S+ on DataProcessor$/,
      }),
    );
    const waive = await screen.findByText('Waive this finding');
    setPageVisibility('hidden');
    // The scheduler's scan, the source as it was.
    api.scanSteps = ['unchanged'];
    const { scanId } = await api.startScan(ENTITY);
    await api.getScan(scanId);
    const getHistory = jest.spyOn(api, 'getHistory');
    const findingQueries = api.findingQueries.length;

    stayAway();
    setPageVisibility('visible');
    await waitFor(() =>
      expect(
        screen.getByText(/^Last scanned/).querySelector('time'),
      ).toHaveAttribute('datetime', '2026-11-21T09:00:02.000Z'),
    );
    await act(() => new Promise(resolve => setTimeout(resolve, 300)));
    expect(getHistory).not.toHaveBeenCalled();
    expect(api.findingQueries).toHaveLength(findingQueries);
    expect(waive).toBeInTheDocument();
  });

  it('shows a waiver made elsewhere in the findings and the waivers, as in the scorecard', async () => {
    const api = new FakeInfraComplianceApi();
    await render(api);
    expect(await screen.findByText('Findings (2)')).toBeInTheDocument();
    setPageVisibility('hidden');
    // Another user waives the log group's ENC-001.
    const waived = fixtures.findings[1];
    api.findings = api.findings.map(f =>
      f === waived ? { ...f, waived: true } : f,
    );
    api.waiverRecords = [
      {
        id: '0e9d8c7b-0000-4000-8000-000000000003',
        entityRef: fixtures.ENTITY_REF,
        fingerprint: waived.fingerprint,
        reason: 'The log group holds no customer data',
        author: 'user:default/bob',
        createdAt: '2026-11-21T10:00:00.000Z',
        active: true,
      },
      ...api.waiverRecords,
    ];
    api.scorecard = {
      ...api.scorecard,
      waived: api.scorecard.waived + 1,
      open: {
        ...api.scorecard.open,
        [waived.severity]: api.scorecard.open[waived.severity] - 1,
        total: api.scorecard.open.total - 1,
      },
    };

    stayAway();
    setPageVisibility('visible');
    expect(await screen.findByText('Findings (1)')).toBeInTheDocument();
    expect(
      await screen.findByText('The log group holds no customer data'),
    ).toBeInTheDocument();
  });

  it('keeps the results on screen without a word when the read on return fails, and catches up at the next return', async () => {
    const api = new FakeInfraComplianceApi();
    await render(api);
    expect(await screen.findByText('62 / 100')).toBeInTheDocument();
    setPageVisibility('hidden');
    await scanElsewhere(api);
    const getScorecard = jest
      .spyOn(api, 'getScorecard')
      .mockRejectedValueOnce(new TypeError('Failed to fetch'));

    stayAway();
    setPageVisibility('visible');
    await waitFor(() => expect(getScorecard).toHaveBeenCalledTimes(1));
    await act(() => new Promise(resolve => setTimeout(resolve, 300)));
    expect(screen.getByText('62 / 100')).toBeInTheDocument();
    expect(screen.queryByText(/Failed to fetch/)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();

    setPageVisibility('hidden');
    stayAway();
    setPageVisibility('visible');
    expect(await screen.findByText('91 / 100')).toBeInTheDocument();
    expect(await screen.findByText('Findings (1)')).toBeInTheDocument();
  });
});
