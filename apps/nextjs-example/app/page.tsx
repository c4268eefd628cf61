import { ImageStudio } from './image-studio';

export default function Home() {
  return (
    <main>
      <h1>Generate an image</h1>
      <p>
        This page calls <code>/api/lunos</code>, the app&apos;s own route handler, which adds the
        API key on the server. The browser never holds it.
      </p>
      <ImageStudio />
    </main>
  );
}
