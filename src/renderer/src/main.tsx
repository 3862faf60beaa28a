import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode, useSyncExternalStore } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { keepAriaLabelsChinese } from './util/chineseAria';
import './styles.css';

dayjs.locale('zh-cn');
// Popups (select lists, pickers) mount outside #root, so the whole body is watched.
keepAriaLabelsChinese(document.body);

const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');
const subscribeReducedMotion = (onChange: () => void) => {
  reducedMotion.addEventListener('change', onChange);
  return () => reducedMotion.removeEventListener('change', onChange);
};

/** Antd animates every popup; a user who asked the system for less motion gets none, and can click a popup the moment it shows. */
function Root() {
  const reduce = useSyncExternalStore(subscribeReducedMotion, () => reducedMotion.matches);
  return (
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }} theme={{ token: { colorPrimary: '#c0392b', borderRadius: 6, motion: !reduce } }}>
      <AntApp>
        <App />
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
