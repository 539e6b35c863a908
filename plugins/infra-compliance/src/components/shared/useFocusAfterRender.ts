import { RefObject, useCallback, useEffect, useRef, useState } from 'react';

/**
 * A ref to give an element, and a function that focuses that element once
 * the next render is on the page. For after a dialog's action: the dialog
 * gives the focus back to the control that opened it as it closes, but the
 * reload the action starts removes that control (a remounted table), and
 * the focus would fall to the page's body.
 */
export function useFocusAfterRender<T extends HTMLElement>(): [
  RefObject<T>,
  () => void,
] {
  const ref = useRef<T>(null);
  const [pending, setPending] = useState(false);
  useEffect(() => {
    if (!pending) return;
    ref.current?.focus();
    setPending(false);
  }, [pending]);
  const focusAfterRender = useCallback(() => setPending(true), []);
  return [ref, focusAfterRender];
}
