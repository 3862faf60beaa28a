import { ProposalEditor } from './features/editor/ProposalEditor';
import { LibraryView } from './features/library/LibraryView';
import { navigate, useRoute } from './router';

export function App() {
  const route = useRoute();
  return (
    <div>
      <header className="app-header">
        <span className="app-brand" role="link" tabIndex={0} onClick={() => navigate({ name: 'library' })} onKeyDown={(e) => e.key === 'Enter' && navigate({ name: 'library' })}>
          善策 · 慈善项目方案
        </span>
      </header>
      <main className="app-main">
        {route.name === 'proposal' ? <ProposalEditor key={route.id} id={route.id} /> : <LibraryView />}
      </main>
    </div>
  );
}
