import { createRouter, createWebHistory } from 'vue-router'
import MyWork from './views/MyWork.vue'
import EntryReview from './views/EntryReview.vue'
import ApplicationDecision from './views/ApplicationDecision.vue'
import ObjectionCase from './views/ObjectionCase.vue'

// Client routes under /console/; the gateway answers index.html for them, so links and reloads work.
export const router = createRouter({
  history: createWebHistory('/console/'),
  routes: [
    { path: '/', component: MyWork },
    { path: '/review/:id', component: EntryReview, props: true },
    { path: '/applications/:id', component: ApplicationDecision, props: true },
    { path: '/objections/:id', component: ObjectionCase, props: true },
  ],
})
