import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app/fonts.css';
import './app/app.css';
import { createRoot } from 'react-dom/client';
import { connectApi } from './api/transport';
import { App } from './app/App';
import { startI18n } from './i18n/index';
import { lastLanguage } from './i18n/use-language';

async function start(): Promise<void> {
  const api = connectApi();
  // Before anyone signs in, the language last used here; each user's own once they have.
  await startI18n(lastLanguage());
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  createRoot(root).render(<App api={api} />);
}

void start();
