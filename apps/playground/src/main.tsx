import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { readInitialConnection } from './connection/read-initial-connection';
import { mockTimingFrom, startBrowserMock } from './mock/start-browser-mock';
import { ErrorBoundary } from './ui/error-boundary';
import './styles.css';

const search = window.location.search;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary>
      <App
        initialConnection={readInitialConnection(search)}
        // Read inside the start, so a bad `?mockTiming=` is shown as the mock failing to start.
        startMock={async () => startBrowserMock(mockTimingFrom(search))}
      />
    </ErrorBoundary>
  </StrictMode>,
);
