import { useEffect, useState } from 'react';

export type Route = { name: 'library' } | { name: 'proposal'; id: string };

function parse(hash: string): Route {
  const m = /^#\/p\/([A-Za-z0-9_-]+)/.exec(hash);
  return m ? { name: 'proposal', id: m[1]! } : { name: 'library' };
}

export function navigate(route: Route): void {
  window.location.hash = route.name === 'proposal' ? `#/p/${route.id}` : '#/';
}

/** Routes live in the hash so a reload (or the Electron file:// page) lands on the same screen. */
export function useRoute(): Route {
  const [route, setRoute] = useState<Route>(() => parse(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parse(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
