import { Menu, Result } from 'antd';
import { APP_VIEWS } from './extensions';
import { DamagedLibraryBanner } from './features/datasafety/DamagedLibraryBanner';
import { ProposalEditor } from './features/editor/ProposalEditor';
import { SyncIndicator } from './features/sync/SyncIndicator';
import { LibraryView } from './features/library/LibraryView';
import { navigate, routeHash, useRoute, type Route } from './router';

function current(route: Route): string {
  return route.name === 'view' ? route.key : 'library';
}

export function App() {
  const route = useRoute();
  const view = route.name === 'view' ? APP_VIEWS.find((v) => v.key === route.key) : undefined;
  const nav = [{ key: 'library', label: <a href="#/">项目库</a> }, ...APP_VIEWS.filter((v) => v.inNav).map((v) => ({ key: v.key, label: <a href={routeHash({ name: 'view', key: v.key, params: new URLSearchParams() })}>{v.label}</a> }))];
  return (
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
      </main>
    </div>
  );
}
