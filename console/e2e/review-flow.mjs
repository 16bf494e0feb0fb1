// End-to-end against a running stack (./govdata up; ./govdata test runs it after the system tests):
// PSB's officer submits a catalog entry by API; the bureau signs in on Keycloak's real login page,
// finds it in 待办 with its statutory due time, opens it, is told a return needs a reason (the API's
// problem body, shown against the field), and returns it with one. PSB sees it returned.
// Debian's chromium driven by playwright-core; screenshots go to docs/screenshots/console-*.png.
import { chromium } from 'playwright-core'
import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const shots = resolve(here, '../../docs/screenshots')
mkdirSync(shots, { recursive: true })

const GATEWAY = need('GATEWAY_URL')
const TOKEN_URL = need('KEYCLOAK_TOKEN_URL')
const PASSWORD = process.env.DEMO_PASSWORD || 'demo-pass'
const CHROMIUM = process.env.GOVDATA_CHROMIUM || '/usr/bin/chromium'

function need(name) {
  const value = process.env[name]
  if (!value) throw new Error(`${name} is not set: source .govdata/endpoints.env (./govdata up writes it)`)
  return value
}

function check(condition, message) {
  if (!condition) throw new Error('e2e: ' + message)
  console.log('  ok  ' + message)
}

// Test set-up through the API as partner systems do: the password grant exists on the demo realm's portal client only.
async function token(username) {
  const response = await fetch(TOKEN_URL, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'password', client_id: 'govdata-portal', username, password: PASSWORD }),
  })
  if (!response.ok) throw new Error(`token for ${username}: ${response.status} ${await response.text()}`)
  return (await response.json()).access_token
}

async function call(method, path, bearer, body) {
  const response = await fetch(GATEWAY + path, {
    method,
    headers: { Authorization: `Bearer ${bearer}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  })
  const text = await response.text()
  return { status: response.status, json: text ? JSON.parse(text) : null }
}

async function submittedEntry() {
  const bureau = await token('bureau')
  const psb = await token('psb-officer')
  const department = await call('POST', '/api/catalog/departments', bureau, {
    code: 'PSB', name: '市公安局', level: 'CITY', region: '320100', dataOfficer: { realName: '张伟', phone: '025-84420000' },
  })
  check([201, 409].includes(department.status), `PSB is registered (${department.status})`)
  const run = Math.random().toString(36).slice(2, 8).toUpperCase()
  const body = {
    name: `户籍人口基本信息-${run}`, summary: '户籍人口基本信息，由公安局人口信息管理系统采集，覆盖全市',
    category: 'DEPARTMENTAL', classCode: '03', itemCode: '002', providerDepartment: 'PSB', sourceSystem: '人口信息管理系统',
    formats: ['JSON', 'CSV'], form: 'STRUCTURED',
    dataItems: [
      { name: '姓名', type: 'STRING', length: 100, personal: true, sensitive: false },
      { name: '户籍地址', type: 'STRING', length: 200, personal: true, sensitive: false },
    ],
    dictionary: { name: '户籍人口数据字典', standard: 'GB/T 21063.4' },
    shareType: 'CONDITIONAL', shareConditions: '仅限履行法定职责使用，需说明应用场景', shareScope: '市级政务部门',
    shareReason: '含个人信息，按需共享', shareLegalBasis: '《南京市政务数据管理暂行办法》第二十一条',
    shareMethods: ['API'], openType: 'NOT_OPEN', openReason: '含个人信息', openLegalBasis: '《个人信息保护法》第二十八条',
    updateFrequency: 'DAILY', topic: '人口', industry: '公共管理', region: '320100', grade: 'GENERAL',
  }
  const created = await call('POST', '/api/catalog/entries', psb, body)
  check(created.status === 201, `PSB's officer drafts an entry (${created.status})`)
  const id = created.json.id
  check((await call('POST', `/api/catalog/entries/${id}/submit`, psb)).status === 200, `PSB submits ${id}`)
  const approved = await call('POST', `/api/catalog/entries/${id}/review`, bureau, { decision: 'APPROVE' })
  check(approved.status === 200, `version 1 of ${id} is published (${approved.status})`)
  // Version 2 changes three fields: the bureau's review screen shows exactly those.
  const changed = await call('PUT', `/api/catalog/entries/${id}`, psb, {
    ...body,
    summary: body.summary + '，每日增量更新',
    dataItems: [...body.dataItems, { name: '户籍登记日期', type: 'DATE', personal: false, sensitive: false }],
    updateFrequency: 'WEEKLY',
  })
  check(changed.status === 200, `PSB edits ${id} into version 2 (${changed.status})`)
  check((await call('POST', `/api/catalog/entries/${id}/submit`, psb)).status === 200, `PSB submits version 2 of ${id} for review`)
  return { id, psb }
}

const { id, psb } = await submittedEntry()
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
})
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 860 }, locale: 'zh-CN' })
  page.setDefaultTimeout(30_000)
  await page.goto(GATEWAY + '/console/')
  await page.waitForSelector('#username')
  check(page.url().includes('/protocol/openid-connect/auth') && page.url().includes('code_challenge_method=S256'),
    "the console sends the bureau to Keycloak's login page with a PKCE S256 challenge")
  await page.screenshot({ path: `${shots}/console-login.png` })
  await page.fill('#username', 'bureau')
  await page.fill('#password', PASSWORD)
  await Promise.all([page.waitForURL(/\/console\//), page.click('#kc-login')])

  const row = page.locator('.work-queue tbody tr', { hasText: id })
  await row.waitFor()
  const rowText = await row.innerText()
  check(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(rowText) && rowText.includes('工作日'),
    `待办 shows ${id} with its due time and working days left: ${rowText.replace(/\s+/g, ' ')}`)
  const first = await page.locator('.work-queue tbody tr').first().innerText()
  console.log(`  ..  top of 待办: ${first.replace(/\s+/g, ' ')}`)
  check(await page.evaluate(() => Object.keys(localStorage).every((k) => !/token|oidc/i.test(k))),
    'no token in localStorage (sessionStorage of this tab only)')
  await page.screenshot({ path: `${shots}/console-my-work.png`, fullPage: true })

  await row.locator('button.open').click()
  await page.waitForSelector('.entry-review .diff')
  const diff = await page.locator('.entry-review .diff tbody tr').allInnerTexts()
  check(diff.length === 3 && diff.some((r) => r.includes('户籍登记日期')) && diff.some((r) => r.includes('WEEKLY')),
    `the review screen shows the three fields version 2 changes: ${diff.map((r) => r.split(/[\t\n]/)[0].trim()).join(', ')}`)
  await page.screenshot({ path: `${shots}/console-entry-review.png`, fullPage: true })

  await page.click('.entry-review button.return')
  await page.waitForSelector('.field-reasons.is-error')
  check((await page.locator('.field-reasons').innerText()).includes('reason'),
    'returning without a reason shows the API problem against the reasons field')
  await page.screenshot({ path: `${shots}/console-return-needs-reason.png`, fullPage: true })

  await page.fill('.field-reasons textarea', '数据项“户籍地址”缺少长度与格式说明，请补充后重新提交')
  await page.click('.entry-review button.return')
  await page.waitForSelector('.entry-review .done')
  await page.screenshot({ path: `${shots}/console-entry-returned.png`, fullPage: true })

  const seen = await call('GET', `/api/catalog/entries/${id}`, psb)
  check(seen.json.pendingChange?.state === 'RETURNED' && seen.json.pendingChange.returnReasons[0].includes('户籍地址'),
    `PSB sees ${id} returned with the bureau's reason`)

  await page.goto(GATEWAY + '/console/')
  await page.locator('.work-queue').waitFor()
  check(await page.locator('.work-queue tbody tr', { hasText: id }).count() === 0, `${id} has left the bureau's 待办`)

  await page.click('button.logout')
  await page.waitForSelector('#username')
  check(true, 'signing out ends the Keycloak session: the console asks for the login page again')
} finally {
  await browser.close()
}
console.log('console e2e passed')
