import { ReactNode } from 'react';
import { renderHook, waitFor } from '@testing-library/react';
import { TestApiProvider } from '@backstage/test-utils';
import { infraComplianceApiRef } from '../../api';
import * as fixtures from '../../__testUtils__/fixtures';
import { FakeInfraComplianceApi } from '../../__testUtils__/FakeInfraComplianceApi';
import { latestScan, useScanRunner } from './useScanRunner';

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
  it('does not follow again a scan it saw end, which the page may still call active', async () => {
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
    result.current.follow('scheduled-scan');
    await waitFor(() => expect(onFinished).toHaveBeenCalledTimes(1), {
      timeout: 5000,
    });
    expect(result.current.scanning).toBe(false);

    result.current.follow('scheduled-scan');
    await new Promise(resolve => setTimeout(resolve, 2000)); // longer than a poll
    expect(result.current.scanning).toBe(false);
    expect(getScan).toHaveBeenCalledTimes(1);
    expect(onFinished).toHaveBeenCalledTimes(1);
  });
});
