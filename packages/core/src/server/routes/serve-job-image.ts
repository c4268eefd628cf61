import { findJob } from '../jobs/find-job';
import { jobNotFound, jobStoreRefusal } from '../jobs/job-refusals';
import type { JobImage } from '../jobs/job-store';
import { refuse } from '../refuse';
import type { RouteServer } from '../route-server';

/** Image indexes as the job stream writes them: 0, 1, 2… */
const IMAGE_INDEX = /^(0|[1-9][0-9]{0,8})$/;

/** Whether `If-None-Match` names `etag` (or is `*`); weak tags compare by their value. */
function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (ifNoneMatch === null) return false;
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}

/**
 * `GET …/jobs/{id}/images/{n}`: the job's image `n` as it was generated, in binary, cached by the
 * browser for the job's lifetime (the bytes behind a URL never change) and revalidated by its
 * SHA-256 (`ETag`, 304).
 */
export const serveJobImage: RouteServer = async (request, { params }, { jobs }) => {
  if (!jobs) return jobNotFound();
  const found = await findJob(request, params.id, jobs);
  if ('refusal' in found) return found.refusal;
  const notFound = () =>
    refuse(404, 'job_image_not_found', `The job has no image ${JSON.stringify(params.n)}`);
  if (params.n === undefined || !IMAGE_INDEX.test(params.n)) return notFound();
  let image: JobImage | undefined;
  try {
    image = await jobs.store.getImage(found.state.meta.id, Number(params.n));
  } catch (error) {
    return jobStoreRefusal(error);
  }
  if (!image) return notFound();
  const etag = `"${image.sha256}"`;
  const headers = {
    etag,
    'cache-control': `private, immutable, max-age=${Math.floor(jobs.ttlMs / 1000)}`,
  };
  if (matches(request.headers.get('if-none-match'), etag)) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(image.bytes as Uint8Array<ArrayBuffer>, {
    status: 200,
    headers: {
      ...headers,
      'content-type': image.contentType,
      'content-length': String(image.bytes.byteLength),
    },
  });
};
