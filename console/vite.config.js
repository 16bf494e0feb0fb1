import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// Served by the gateway at /console/ (gateway/src/main/java/cn/govdata/gateway/console).
export default defineConfig({
  base: '/console/',
  plugins: [vue()],
  build: { chunkSizeWarningLimit: 1500 },
  test: {
    environment: 'jsdom',
    include: ['test/**/*.test.js'],
    css: false,
    server: { deps: { inline: ['element-plus'] } },
  },
})
