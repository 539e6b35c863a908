import { screen } from '@testing-library/react';
import { useLocation } from 'react-router-dom';

/** The router's address (path and query), shown for a test to read. */
export function CurrentAddress() {
  const { pathname, search } = useLocation();
  return <output data-testid="current-address">{pathname + search}</output>;
}

/** The address a {@link CurrentAddress} shows. */
export function currentAddress(): string {
  return screen.getByTestId('current-address').textContent ?? '';
}
