import { createApp } from 'vue'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import App from './App.vue'
import { router } from './router.js'
import { startAuth } from './lib/auth.js'

// Sign in first (or finish the redirect back from Keycloak), then show the console.
const app = createApp(App).use(ElementPlus).use(router)
startAuth().then((returnTo) => {
  if (returnTo === null) return // on the way to Keycloak's login page
  if (typeof returnTo === 'string') router.replace(returnTo)
  app.mount('#app')
}).catch((e) => {
  document.getElementById('app').textContent = '登录失败：' + e.message
})
