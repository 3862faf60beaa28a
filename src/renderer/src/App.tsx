import { Menu, Result, Spin } from 'antd';
import { Suspense, useEffect } from 'react';
import { preloadScreens, SLOTS } from './extensions';
import { DamagedLibraryBanner } from './features/datasafety/DamagedLibraryBanner';
import { ProposalEditor } from './features/editor/ProposalEditor';
import { SyncIndicator } from './features/sync/SyncIndicator';
import { LibraryView } from './features/library/LibraryView';
import { navigate, routeHash, useRoute, type Route } from './router';
import { SlotsContext } from './slots';

/** While a screen's code loads (once per screen; a moment on a slow disk). */
const LOADING = (
  <div role="status" style={{ display: 'flex', gap: 12, justifyContent: 'center', alignItems: 'center', marginTop: 80 }}>
    <Spin /> 正在加载…
  </div>
);

function current(route: Route): string {
  return route.name === 'view' ? route.key : 'library';
}

/** The composition root: the only module that knows every feature (through extensions.tsx). */
export function App() {
  const route = useRoute();
  useEffect(preloadScreens, []);
  const view = route.name === 'view' ? SLOTS.appViews.find((v) => v.key === route.key) : undefined;
  const nav = [{ key: 'library', label: <a href="#/">项目库</a> }, ...SLOTS.appViews.filter((v) => v.inNav).map((v) => ({ key: v.key, label: <a href={routeHash({ name: 'view', key: v.key, params: new URLSearchParams() })}>{v.label}</a> }))];
  return (
    <SlotsContext.Provider value={SLOTS}>
      <div>
        <header className="app-header">
          <span className="app-brand" role="link" tabIndex={0} onClick={() => navigate({ name: 'library' })} onKeyDown={(e) => e.key === 'Enter' && navigate({ name: 'library' })}>
            善策 · 慈善项目方案
          </span>
          {nav.length > 1 && <Menu mode="horizontal" selectedKeys={[current(route)]} items={nav} style={{ flex: 1, borderBottom: 'none' }} aria-label="主导航" />}
          <SyncIndicator />
        </header>
        <main className="app-main">
          <DamagedLibraryBanner />
          <Suspense fallback={LOADING}>
            {route.name === 'proposal' ? (
              <ProposalEditor key={route.id} id={route.id} />
            ) : route.name === 'view' ? (
              view ? (
                <view.Component params={route.params} />
              ) : (
                <Result status="404" title="页面不存在" subTitle="此功能可能已移除。" extra={<a href="#/">返回项目库</a>} />
              )
            ) : (
              <LibraryView />
            )}
          </Suspense>
        </main>
      </div>
    </SlotsContext.Provider>
  );
}
