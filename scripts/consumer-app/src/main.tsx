import { LunosImageProvider } from '@lunos-image/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ImageStudio } from './image-studio';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
// The React README's advice: the browser talks to the app's own server, which holds the key.
createRoot(root).render(
  <StrictMode>
    <LunosImageProvider options={{ baseURL: '/api/lunos' }}>
      <ImageStudio />
    </LunosImageProvider>
  </StrictMode>,
);
