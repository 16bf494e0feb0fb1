// End-to-end against a running stack (./govdata up; ./govdata test runs it after the system tests):
// PSB's officer submits a catalog entry by API; the bureau signs in on Keycloak's real login page,
// finds it in 待办 with its statutory due time, opens it, is told a return needs a reason (the API's
// problem body, shown against the field), and returns it with one. PSB sees it returned. Then HRSS's
// system applies by API for a conditionally shared PSB resource; PSB's approver finds it in 待办 with
// its countdown, is told a personal item in clear needs a legal basis, and approves one item masked.
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

async function clientToken(clientId) {
  const response = await fetch(TOKEN_URL, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId,
      client_secret: process.env.HRSS_SYSTEM_CLIENT_SECRET || `demo-secret-${clientId}` }),
  })
  if (!response.ok) throw new Error(`token for ${clientId}: ${response.status} ${await response.text()}`)
  return (await response.json()).access_token
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

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

// A conditionally shared people resource of PSB's (the simulated PSB system behind it), and HRSS's
// system applying for two items, one of them asked for in clear; returns the application id.
async function applicationAwaitingPsb() {
  const bureau = await token('bureau')
  const psb = await token('psb-officer')
  const hrss = await clientToken('hrss-system')
  const run = Math.random().toString(36).slice(2, 8).toUpperCase()
  const created = await call('POST', '/api/catalog/entries', psb, {
    name: `人口基本信息-${run}`, summary: '人口基本信息，由公安局人口信息管理系统采集，覆盖全市',
    category: 'DEPARTMENTAL', classCode: '03', itemCode: '002', providerDepartment: 'PSB', sourceSystem: '人口信息管理系统',
    formats: ['JSON'], form: 'STRUCTURED',
    dataItems: [
      { name: '公民身份号码', type: 'STRING', length: 18, personal: true, sensitive: true },
      { name: '姓名', type: 'STRING', length: 100, personal: true, sensitive: false },
    ],
    dictionary: { name: '人口数据字典', standard: 'GB/T 21063.4' },
    shareType: 'CONDITIONAL', shareConditions: '仅限履行法定职责使用，需说明应用场景', shareScope: '市级政务部门',
    shareReason: '含个人信息，按需共享', shareLegalBasis: '《南京市政务数据管理暂行办法》第二十一条',
    shareMethods: ['API'], openType: 'NOT_OPEN', openReason: '含个人信息', openLegalBasis: '《个人信息保护法》第二十八条',
    updateFrequency: 'DAILY', topic: '人口', industry: '公共管理', region: '320100', grade: 'GENERAL',
  })
  check(created.status === 201, `PSB drafts a conditionally shared people resource (${created.status})`)
  const resource = created.json.id
  check((await call('POST', `/api/catalog/entries/${resource}/submit`, psb)).status === 200, `PSB submits ${resource}`)
  check((await call('POST', `/api/catalog/entries/${resource}/review`, bureau, { decision: 'APPROVE' })).status === 200,
    `the bureau publishes ${resource}`)
  const simulator = process.env.PROVIDER_SIM_URL
  let provider
  for (let i = 0; i < 60; i++) { // sharing-service learns of the entry from the catalog's events
    provider = await call('PUT', `/api/sharing/providers/${resource}`, psb, {
      mode: 'API', endpoint: `${simulator}/api/people/{key}`, listEndpoint: `${simulator}/api/people`, timeout: '2s',
      recordKeyField: '公民身份号码', masking: { 公民身份号码: 'ID_NUMBER', 姓名: 'NAME' },
    })
    if (provider.status === 200 || provider.status === 201) break
    await sleep(1000)
  }
  check([200, 201].includes(provider.status), `PSB puts its system behind ${resource} (${provider.status})`)
  const applied = await call('POST', '/api/sharing/applications', hrss, {
    resourceId: resource, scenario: '养老保险待遇资格认证', purpose: '核验参保人身份信息', legalDuty: '《社会保险法》第七条',
    items: ['公民身份号码', '姓名'], unmaskedItems: ['姓名'], method: 'API',
    validTo: new Date(Date.now() + 300 * 24 * 3600 * 1000).toISOString(),
  })
  check(applied.status === 201, `HRSS's system applies by API (${applied.status})`)
  const application = applied.json.id
  if (applied.json.state === 'FORMALITY_CHECK') {
    const checked = await call('POST', `/api/sharing/applications/${application}/formality-check`, bureau, { passed: true })
    check(checked.status === 200, `the bureau passes the formality check of ${application}`)
  }
  return { application, psb, resource }
}

async function signIn(page, username) {
  await page.goto(GATEWAY + '/console/')
  await page.waitForSelector('#username')
  await page.fill('#username', username)
  await page.fill('#password', PASSWORD)
  await Promise.all([page.waitForURL(/\/console\//), page.click('#kc-login')])
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
  const blocked = []
  page.on('console', (m) => { if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) blocked.push(m.text()) })
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

  // PSB's approver decides an application item by item.
  const { application, resource } = await applicationAwaitingPsb()
  await signIn(page, 'psb-officer')
  const share = page.locator('.work-queue tbody tr', { hasText: application })
  await share.waitFor()
  check((await share.innerText()).includes('共享申请'), `PSB's approver sees ${application} in 待办 with its countdown: ${(await share.innerText()).replace(/\s+/g, ' ')}`)
  await share.locator('button.open').click()
  await page.waitForSelector('.decision-form')
  // 姓名 in clear without a legal basis: the API's problem names legalBasis, shown under that field.
  await page.locator('[data-item="姓名"] label', { hasText: '同意（明文）' }).click()
  await page.click('.decision-form button.submit')
  await page.waitForSelector('.field-legalBasis .field-error')
  check((await page.locator('.field-legalBasis .field-error').innerText()).includes('个人信息保护法'),
    'approving a personal item in clear without a legal basis shows the problem under 法律依据')
  await page.screenshot({ path: `${shots}/console-application-decision.png`, fullPage: true })
  await page.locator('[data-item="姓名"] label', { hasText: '不同意' }).click()
  await page.click('.decision-form button.submit')
  await page.waitForSelector('.decided')
  await page.screenshot({ path: `${shots}/console-application-decided.png`, fullPage: true })
  // Under Nanjing the provider's answer is confirmed by the data bureau before it is returned (NJ 22).
  const answered = await call('GET', `/api/sharing/applications/${application}`, psb)
  check(answered.json.state === 'AWAITING_BUREAU', `${application} waits for the bureau's confirmation (NJ 22): ${answered.json.state}`)
  const confirmed = await call('POST', `/api/sharing/applications/${application}/bureau-confirmation`, await token('bureau'), { confirm: true })
  check(confirmed.status === 200, `the bureau confirms the answer (${confirmed.status})`)
  const decided = await call('GET', `/api/sharing/applications/${application}`, psb)
  check(decided.json.state === 'APPROVED' && JSON.stringify(decided.json.decision.items) === '["公民身份号码"]'
    && (decided.json.decision.unmaskedItems || []).length === 0, `${application} is approved for 公民身份号码 only, masked`)

  // Reviewing is the bureau's: PSB's officer opening the returned entry's review is told who may.
  await page.goto(`${GATEWAY}/console/review/${id}`)
  await page.waitForSelector('.entry-review .review-form')
  await page.fill('.field-reasons textarea', '自行退回')
  await page.click('.entry-review button.return')
  await page.waitForSelector('.problem--403')
  check((await page.locator('.problem--403').innerText()).includes('市数据局审核人员'),
    'a 403 from the API says that the bureau reviews catalog entries')
  await page.screenshot({ path: `${shots}/console-forbidden.png`, fullPage: true })

  // A citizen objects to a record of that resource; the platform operator finds the case in 待办
  // and opens its timeline.
  await page.click('button.logout')
  await page.waitForSelector('#username')
  const citizen = await token('citizen')
  let filed
  for (let i = 0; i < 60; i++) { // the objection desk learns of the published resource from the catalog's events
    filed = await call('POST', '/api/objections/cases', citizen, {
      reason: 'ERROR', resourceId: resource, recordKey: '320115200206235413', fields: ['姓名'], claim: '姓名登记有误',
      objector: { name: '李娜', phone: '13800000000' },
    })
    if (filed.status === 201) break
    await sleep(1000)
  }
  check(filed.status === 201, `a citizen files an objection on ${resource} (${filed.status})`)
  const caseId = filed.json.id || filed.json.trackingNumber
  await signIn(page, 'operator')
  const objection = page.locator('.work-queue tbody tr', { hasText: caseId })
  await objection.first().waitFor()
  check((await objection.first().innerText()).includes('NJ 35'), `the operator sees ${caseId} in 待办 citing NJ 35: ${(await objection.first().innerText()).replace(/\s+/g, ' ')}`)
  await page.screenshot({ path: `${shots}/console-operator-work.png`, fullPage: true })
  await objection.first().locator('button.open').click()
  await page.waitForSelector('.el-timeline-item')
  check((await page.locator('.el-timeline').innerText()).includes('收到异议'), `the case ${caseId} shows its timeline`)
  await page.screenshot({ path: `${shots}/console-objection-case.png`, fullPage: true })

  // Last, because it moves objection-service's clock (the local stack's demo clock, as the system
  // tests do): three days on, the transfer deadline has fired and 待办 flags it overdue.
  const operator = await token('operator')
  // However far earlier runs moved that clock, move it until the transfer step's deadline has fired.
  let fired = false
  for (let i = 0; i < 6 && !fired; i++) {
    const advanced = await call('POST', '/api/objections/time/advance', operator, { by: 'P2D' })
    check(advanced.status === 200, `the operator moves objection-service's demo clock two days on (${advanced.status})`)
    for (let j = 0; j < 10 && !fired; j++) {
      const page0 = await call('GET', '/api/objections/deadlines?state=FIRED&process=objection&size=200', operator)
      fired = (page0.json.content || []).some((d) => d.subjectId === caseId && d.step === 'transfer')
      if (!fired) await sleep(1000)
    }
  }
  let overdue = false
  for (let i = 0; i < 30 && !overdue; i++) {
    await page.goto(GATEWAY + '/console/')
    const row = page.locator('.work-queue tbody tr', { hasText: caseId }).first()
    await row.waitFor()
    overdue = (await row.getAttribute('class')).includes('row--overdue')
    if (!overdue) await sleep(2000)
  }
  check(overdue && (await page.locator('.work-queue tbody tr', { hasText: caseId }).first().innerText()).includes('已超期'),
    `the missed transfer of ${caseId} is red and flagged 已超期`)
  await page.screenshot({ path: `${shots}/console-overdue.png`, fullPage: true })
  check(blocked.length === 0, `the console's Content-Security-Policy blocked nothing it needs ${blocked.join(' | ')}`)
} finally {
  await browser.close()
}
console.log('console e2e passed')
