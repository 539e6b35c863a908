import { act, render, screen } from '@testing-library/react';
import { DateTimeText } from './DateTimeText';

describe('DateTimeText', () => {
  afterEach(() => jest.useRealTimers());

  it('keeps how long ago up to date while the page stays open, and stops counting once gone', () => {
    jest.useFakeTimers({ now: Date.parse('2026-12-05T14:00:00.000Z') });
    const { unmount } = render(
      <p data-testid="moment">
        <DateTimeText value="2026-12-05T14:00:00.000Z" />
      </p>,
    );
    expect(screen.getByTestId('moment')).toHaveTextContent(/\(just now\)$/);

    act(() => jest.advanceTimersByTime(5 * 60_000));
    expect(screen.getByTestId('moment')).toHaveTextContent(
      /\(5 minutes ago\)$/,
    );

    unmount();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('never breaks the date at its hyphens, the time free to go under it', () => {
    const { container } = render(
      <DateTimeText value="2026-12-05T14:00:00.000Z" />,
    );
    const moment = container.querySelector('time')!;
    expect(moment).toHaveTextContent(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    expect(window.getComputedStyle(moment).whiteSpace).not.toBe('nowrap');
    const day = screen.getByText(/^\d{4}-\d\d-\d\d$/);
    expect(moment).toContainElement(day);
    expect(window.getComputedStyle(day).whiteSpace).toBe('nowrap');
  });
});
