import { act, createElement, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';

// Tells React that updates in these tests are wrapped in act(), so it flushes them there.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** Render a hook in a real React root (no testing library needed for this much), inside `wrap` if the hook needs a provider. */
export function renderHook<P, R>(hook: (props: P) => R, initial: P, wrap: (probe: ReactNode) => ReactNode = (probe) => probe) {
  const result = { current: undefined as R };
  function Probe({ props }: { props: P }) {
    result.current = hook(props);
    return null;
  }
  const root = createRoot(document.createElement('div'));
  act(() => root.render(wrap(createElement(Probe, { props: initial }))));
  return {
    result,
    rerender: (props: P) => act(() => root.render(wrap(createElement(Probe, { props })))),
    unmount: () => act(() => root.unmount()),
  };
}
