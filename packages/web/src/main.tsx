import { createRoot } from 'react-dom/client';

const root = createRoot(document.getElementById('root')!);
const path = window.location.pathname;
// The phone portal, the public verification page and the console are separate bundles: members never
// download the console, and whoever scans a certificate downloads neither. One loader per bundle (not
// a chain of conditional imports, which the minifier may fold into one call sharing the console's
// preload list).
const loaders = {
  verify: () => import('./verify/VerifyApp'),
  portal: () => import('./member/PortalApp'),
  console: () => import('./console/ConsoleApp'),
};
const which =
  path === '/verify' || path.startsWith('/verify/')
    ? 'verify'
    : path === '/m' || path.startsWith('/m/')
      ? 'portal'
      : 'console';
loaders[which]().then(({ default: App }) => root.render(<App />));
