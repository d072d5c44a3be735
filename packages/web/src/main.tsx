import { createRoot } from 'react-dom/client';

const root = createRoot(document.getElementById('root')!);
const path = window.location.pathname;
// The phone portal and the console are separate bundles: members never download the console.
const isPortal = path === '/m' || path.startsWith('/m/');
const app = isPortal ? import('./member/PortalApp') : import('./console/ConsoleApp');
app.then(({ default: App }) => root.render(<App />));
