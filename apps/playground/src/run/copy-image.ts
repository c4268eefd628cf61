/** Re-encodes an image as PNG, the one image type every browser's clipboard accepts. */
async function toPng(blob: Blob): Promise<Blob> {
  const bitmap = await createImageBitmap(blob);
  const canvas = document.createElement('canvas');
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0);
  bitmap.close();
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (png) => (png ? resolve(png) : reject(new Error('the image could not be converted to PNG'))),
      'image/png',
    ),
  );
}

/**
 * Puts an image (an object, data or https URL) on the clipboard as PNG. The PNG is handed over
 * as a promise so the write starts within the click, as Safari requires. Rejects with a message
 * to show when the browser has no image clipboard or refuses it.
 */
export async function copyImage(url: string, mimeType: string): Promise<void> {
  if (typeof ClipboardItem === 'undefined' || !navigator.clipboard?.write) {
    throw new Error('This browser cannot put images on the clipboard: use Download instead.');
  }
  const png = fetch(url)
    .then((response) => response.blob())
    .then((blob) => (mimeType === 'image/png' ? blob : toPng(blob)));
  await navigator.clipboard.write([new ClipboardItem({ 'image/png': png })]);
}
