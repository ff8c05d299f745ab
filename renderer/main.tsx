import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app/fonts.css';
import './app/app.css';
import { createRoot } from 'react-dom/client';
import { connectApi } from './api/transport';
import { App } from './app/App';
import { startI18n } from './i18n/index';

async function start(): Promise<void> {
  const api = connectApi();
  const preferences = await api['preferences.get']({});
  const language = preferences.ok ? preferences.value.language : 'ar';
  await startI18n(language);
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  createRoot(root).render(<App api={api} />);
}

void start();
