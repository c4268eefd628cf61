import { useEffect, useState } from 'react';

/**
 * Object URLs for the given files, made when a file appears and revoked when it goes away or the
 * component unmounts (so thumbnails never leak a blob).
 */
export function useObjectUrls(files: readonly Blob[]): ReadonlyMap<Blob, string> {
  const [urls, setUrls] = useState<ReadonlyMap<Blob, string>>(() => new Map());
  useEffect(() => {
    const made = new Map(files.map((file) => [file, URL.createObjectURL(file)] as const));
    setUrls(made);
    return () => {
      for (const url of made.values()) URL.revokeObjectURL(url);
    };
  }, [files]);
  return urls;
}
