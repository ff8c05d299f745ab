import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is served from app://wasl/ in Electron and from the loopback host in a browser:
// relative asset paths work in both.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: false,
    // Fonts ship as files beside the app (it works offline); never inline them as data: URLs.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2000,
  },
});
