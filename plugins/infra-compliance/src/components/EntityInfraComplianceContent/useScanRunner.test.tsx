import { ReactNode } from 'react';
import { act, renderHook } from '@testing-library/react';
import { TestApiProvider } from '@backstage/test-utils';
import { infraComplianceApiRef } from '../../api';
import * as fixtures from '../../__testUtils__/fixtures';
import { FakeInfraComplianceApi } from '../../__testUtils__/FakeInfraComplianceApi';
import {
  nextPoll,
  restoreRealClock,
  useFakeScanClock,
} from '../../__testUtils__/scanClock';
import { latestScan } from '../shared';
import { useScanRunner } from './useScanRunner';

const ENTITY = { kind: 'Component', namespace: 'default', name: 'seed-000' };

describe('latestScan', () => {
  const older = {
    ...fixtures.succeededScan,
    id: 'older',
    status: 'failed' as const,
  };
  const newer = {
    ...fixtures.succeededScan,
    id: 'newer',
    createdAt: '2026-11-22T08:00:00.000Z',
  };

  it('shows the scan created last, whichever the page followed', () => {
    expect(latestScan(older, newer)).toBe(newer);
    expect(latestScan(newer, older)).toBe(newer);
  });

  it('prefers the followed copy of one scan, and one just started here', () => {
    const stale = { ...older, status: 'running' as const };
    expect(latestScan(older, stale)).toBe(older);
    const started = { id: 'started', entityRef: '', status: 'queued' as const };
    expect(latestScan(started, newer)).toBe(started);
    expect(latestScan(undefined, newer)).toBe(newer);
  });
});

describe('useScanRunner', () => {
  // After a test on the fake clock (useFakeScanClock).
  afterEach(restoreRealClock);

  it('does not follow again a scan it saw end, which the page may still call active', async () => {
    useFakeScanClock();
    const api = new FakeInfraComplianceApi();
    api.scanSteps = ['succeeded'];
    const getScan = jest.spyOn(api, 'getScan');
    const onFinished = jest.fn();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <TestApiProvider apis={[[infraComplianceApiRef, api]]}>
        {children}
      </TestApiProvider>
    );
    const { result } = renderHook(() => useScanRunner(ENTITY, onFinished), {
      wrapper,
    });
    act(() => result.current.follow('scheduled-scan'));
    expect(result.current.scanning).toBe(true);
    await nextPoll();
    expect(getScan).toHaveBeenCalledTimes(1);
    expect(onFinished).toHaveBeenCalledTimes(1);
    expect(result.current.scanning).toBe(false);

    act(() => result.current.follow('scheduled-scan'));
    expect(result.current.scanning).toBe(false);
    // Polls on, still the one request.
    await nextPoll();
    await nextPoll();
    expect(result.current.scanning).toBe(false);
    expect(getScan).toHaveBeenCalledTimes(1);
    expect(onFinished).toHaveBeenCalledTimes(1);
  });
});
