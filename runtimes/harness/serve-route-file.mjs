/**
 * What Next.js does with an App Router route file on its Edge runtime: the export named after the
 * request's method answers it; a method the file does not export gets 405.
 */
export function serveRouteFile(route) {
  if (route.runtime !== 'edge') {
    throw new Error(
      `the route file exports runtime = ${JSON.stringify(route.runtime)}, not 'edge'`,
    );
  }
  addEventListener('fetch', (event) => {
    const answer = route[event.request.method];
    event.respondWith(answer ? answer(event.request) : new Response(null, { status: 405 }));
  });
}
