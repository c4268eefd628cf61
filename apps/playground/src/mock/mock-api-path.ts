/**
 * The built-in mock answers under this path of the page's own origin. A dedicated path (rather
 * than the provider's URL) means the service worker never stands between the tab and a live
 * provider, and a tab whose worker is gone gets a 404 from the static server, never a real call.
 */
export const MOCK_API_ORIGIN_PATH = '/mock-api';
