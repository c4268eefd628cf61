import { routePath } from '../routes/route-path';

/** An image index as the job image route writes it: 0, 1, 2… */
const IMAGE_INDEX = /^(?:0|[1-9][0-9]{0,8})$/;

/**
 * What to fetch for a URL a job stream put where an image goes: the job image route of this very
 * job below the client's `baseURL` (`/api/lunos/jobs/<id>/images/0`, or the same on the base
 * URL's origin), resolved against that origin; otherwise `undefined` and nothing is fetched. A
 * server cannot make the client send its headers (the key, cookies it was given) anywhere else:
 * not to another origin, another path, or another job.
 */
export function jobImageTarget(value: string, baseURL: string, jobId: string): string | undefined {
  const prefix = routePath('job-image', { id: jobId, n: '0' }).slice(0, -1);
  if (baseURL.startsWith('/')) {
    // A same-origin path: only the same path form, never an absolute URL the page would leave for.
    const at = `${baseURL}${prefix}`;
    return value.startsWith(at) && IMAGE_INDEX.test(value.slice(at.length)) ? value : undefined;
  }
  let base: URL;
  let url: URL;
  try {
    base = new URL(baseURL);
    url = new URL(value, base.origin);
  } catch {
    return undefined;
  }
  if (url.origin !== base.origin || url.search !== '' || url.hash !== '') return undefined;
  const at = `${base.pathname.replace(/\/+$/, '')}${prefix}`;
  return url.pathname.startsWith(at) && IMAGE_INDEX.test(url.pathname.slice(at.length))
    ? url.href
    : undefined;
}
