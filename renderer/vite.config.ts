import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

/** One page per screen, so the kiosk loads only the kiosk's code. */
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    rollupOptions: {
      input: {
        kiosk: `${root}/kiosk.html`,
        staff: `${root}/staff.html`,
        display: `${root}/display.html`,
        reports: `${root}/reports.html`,
        payments: `${root}/payments.html`,
        fleet: `${root}/fleet.html`,
      },
    },
  },
});
