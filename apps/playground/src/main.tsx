import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { readInitialConnection } from './connection/read-initial-connection';
import { openGalleryDb } from './gallery/gallery-db';
import { GalleryStore } from './gallery/gallery-store';
import { readGalleryLimit } from './gallery/read-gallery-limit';
import { ErrorBoundary } from './ui/error-boundary';
import './styles.css';

const search = window.location.search;
const limit = readGalleryLimit(search);
// One gallery for the page: it reads IndexedDB while the app renders.
const gallery = new GalleryStore({ ...limit, open: () => openGalleryDb() });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary>
      <App
        initialConnection={readInitialConnection(search)}
        gallery={gallery}
        // Loaded on first use (msw, the fixtures and the picture renderer are most of the
        // bundle); a bad `?mockTiming=` then shows as the mock failing to start.
        startMock={async () => {
          const { mockTimingFrom, startBrowserMock } = await import('./mock/start-browser-mock');
          return startBrowserMock(mockTimingFrom(search));
        }}
      />
    </ErrorBoundary>
  </StrictMode>,
);
