import { useEffect, useState } from 'react';

export type Route =
  | { name: 'library' }
  | { name: 'proposal'; id: string }
  /** A feature's screen (see APP_VIEWS): #/v/<key>?<params>. */
  | { name: 'view'; key: string; params: URLSearchParams };

function parse(hash: string): Route {
  const p = /^#\/p\/([A-Za-z0-9_-]+)/.exec(hash);
  if (p) return { name: 'proposal', id: p[1]! };
  const v = /^#\/v\/([A-Za-z0-9_-]+)(?:\?(.*))?$/.exec(hash);
  if (v) return { name: 'view', key: v[1]!, params: new URLSearchParams(v[2] ?? '') };
  return { name: 'library' };
}

export function routeHash(route: Route): string {
  if (route.name === 'proposal') return `#/p/${route.id}`;
  if (route.name === 'view') {
    const q = route.params.toString();
    return `#/v/${route.key}${q ? `?${q}` : ''}`;
  }
  return '#/';
}

export function navigate(route: Route): void {
  window.location.hash = routeHash(route);
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
