import { act, createElement, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';

// Tells React that updates in these tests are wrapped in act(), so it flushes them there.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const mounted = new Set<Root>();

/**
 * Unmount every root still mounted. A root left mounted after its test (antd's notices animate and
 * close on timers) has React work scheduled after the test file's DOM is gone: an uncaught
 * "window is not defined" that fails the run.
 */
export function unmountAll(): void {
  for (const root of mounted) act(() => root.unmount());
  mounted.clear();
}

/** Render a hook in a real React root (no testing library needed for this much), inside `wrap` if the hook needs a provider. */
export function renderHook<P, R>(hook: (props: P) => R, initial: P, wrap: (probe: ReactNode) => ReactNode = (probe) => probe) {
  const result = { current: undefined as R };
  function Probe({ props }: { props: P }) {
    result.current = hook(props);
    return null;
  }
  const root = createRoot(document.createElement('div'));
  mounted.add(root);
  act(() => root.render(wrap(createElement(Probe, { props: initial }))));
  return {
    result,
    rerender: (props: P) => act(() => root.render(wrap(createElement(Probe, { props })))),
    unmount: () => {
      mounted.delete(root);
      act(() => root.unmount());
    },
  };
}
