import { reactive } from 'vue'

// zh-CN first; English for colleagues who read it more easily. Kept as one small table rather
// than a library: the console has few strings and no plural rules.
const messages = {
  'zh-CN': {
    title: 'govdata 工作台', myWork: '我的待办', logout: '退出', signingIn: '正在登录…',
    kind: '事项', subject: '对象', department: '责任部门', dueAt: '法定期限', left: '剩余', citation: '依据',
    overdue: '已超期', dueSoon: '即将到期', workingDays: '个工作日', open: '办理', empty: '暂无待办事项',
    refresh: '刷新', loadFailed: '部分事项未能加载', reviewEntry: '目录审核', decideApplication: '共享申请决定',
    objectionCase: '异议案件', field: '字段', before: '修改前', after: '修改后', approve: '审核通过',
    returnEntry: '退回修改', reasons: '退回理由', reasonsPlaceholder: '每行一条理由', submit: '提交',
    status: '状态', version: '版本', noDiff: '首次提交：以下为全部字段', done: '已办理', forbidden: '无权执行此操作',
    mayDo: '可执行此操作的是', item: '信息项', decision: '决定', approveMasked: '同意（脱敏）',
    approveClear: '同意（明文）', refuse: '不同意', legalBasis: '法律依据', refusalReasons: '不同意理由',
    applicant: '申请部门', purpose: '用途', timeline: '办理过程', language: 'English', back: '返回待办',
    signedInAs: '当前用户', underOneDay: '剩余不足 1 个工作日', platformDefault: '平台默认', roles: '角色', decided: '已提交决定', validTo: '有效期至',
    processes: {
      'catalog-review': '目录审核', 'catalog-withdrawal': '目录撤销', 'catalog-duty': '开放数据更新',
      'share-application': '共享申请', 'platform-grant': '平台授权复核', 'uncatalogued-demand': '目录外需求',
      'conditional-open': '有条件开放申请', objection: '异议处理',
    },
  },
  en: {
    title: 'govdata console', myWork: 'My work', logout: 'Sign out', signingIn: 'Signing in…',
    kind: 'Item', subject: 'Subject', department: 'Responsible', dueAt: 'Statutory due', left: 'Left', citation: 'Rule',
    overdue: 'Overdue', dueSoon: 'Due soon', workingDays: 'working days', open: 'Open', empty: 'Nothing waiting',
    refresh: 'Refresh', loadFailed: 'Some items could not be loaded', reviewEntry: 'Catalog review',
    decideApplication: 'Share decision', objectionCase: 'Objection case', field: 'Field', before: 'Before',
    after: 'After', approve: 'Approve', returnEntry: 'Return', reasons: 'Reasons', reasonsPlaceholder: 'One reason per line',
    submit: 'Submit', status: 'Status', version: 'Version', noDiff: 'First submission: every field', done: 'Done',
    forbidden: 'You may not do this', mayDo: 'This may be done by', item: 'Data item', decision: 'Decision',
    approveMasked: 'Approve masked', approveClear: 'Approve in clear', refuse: 'Refuse', legalBasis: 'Legal basis',
    refusalReasons: 'Reasons for refusal', applicant: 'Applicant', purpose: 'Purpose', timeline: 'Timeline',
    platformDefault: 'platform default', underOneDay: 'under one working day left', language: '中文', back: 'Back to my work', signedInAs: 'Signed in', roles: 'Roles', decided: 'Decision sent',
    validTo: 'Valid to',
    processes: {
      'catalog-review': 'Catalog review', 'catalog-withdrawal': 'Catalog withdrawal', 'catalog-duty': 'Open data update',
      'share-application': 'Share application', 'platform-grant': 'Grant review', 'uncatalogued-demand': 'Uncatalogued demand',
      'conditional-open': 'Conditional opening', objection: 'Objection',
    },
  },
}

export const i18n = reactive({ locale: sessionStorage.getItem('govdata.locale') || 'zh-CN' })

export function t(key) {
  const table = messages[i18n.locale] || messages['zh-CN']
  return key.split('.').reduce((node, part) => (node == null ? undefined : node[part]), table) ?? key
}

export function toggleLocale() {
  i18n.locale = i18n.locale === 'zh-CN' ? 'en' : 'zh-CN'
  sessionStorage.setItem('govdata.locale', i18n.locale)
}

/** The catalog entry's fields (catalog-service EntryContent) as the 编制指南 names them. */
export const entryFieldNames = {
  name: '资源名称', summary: '资源摘要', category: '资源分类', classCode: '类代码', itemCode: '项代码',
  basicKind: '基础资源类型', providerDepartment: '提供部门', sourceSystem: '来源系统', collectingDepartment: '采集部门',
  approvingDepartment: '审批部门', providingDepartment: '提供方', formats: '数据格式', form: '数据形态',
  dataItems: '信息项', dictionary: '数据字典', shareType: '共享类型', shareConditions: '共享条件', shareScope: '共享范围',
  shareReason: '共享理由', shareLegalBasis: '共享依据', shareMethods: '共享方式', openType: '开放类型',
  openConditions: '开放条件', openReason: '不予开放理由', openLegalBasis: '开放依据', obtainedBySharing: '通过共享获取',
  updateFrequency: '更新周期', topic: '主题', industry: '行业', region: '行政区划', grade: '数据分级',
}

/** Who may do what, for 403 screens: the realm's role names as people know them. */
export const roleNames = {
  'bureau-reviewer': '市数据局审核人员 (bureau-reviewer)',
  'platform-operator': '平台运营人员 (platform-operator)',
  'dept-data-officer': '部门数据专员 (dept-data-officer)',
  'dept-approver': '提供部门审批人 (dept-approver)',
  'dept-consumer': '使用部门 (dept-consumer)',
  auditor: '审计人员 (auditor)',
}
