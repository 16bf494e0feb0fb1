package cn.govdata.opendata.portal;

import cn.govdata.opendata.catalog.Listing;
import cn.govdata.opendata.catalog.Listings;
import cn.govdata.opendata.dispute.DisputedRecords;
import cn.govdata.opendata.dispute.OpenDisputes;
import cn.govdata.opendata.plan.PriorityDomainCoverage;
import cn.govdata.platform.directory.DepartmentDirectory;
import cn.govdata.platform.directory.DirectoryEntry;
import cn.govdata.policy.JurisdictionProfile;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The public portal: plain server-rendered HTML (no script), reachable anonymously through the
 * gateway under /public/portal. Every value from data is HTML-escaped.
 */
@RestController
class PortalController {

    static final String BASE = "/api/open-data/public/portal";
    private static final int PAGE_SIZE = 20;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneId.of("Asia/Shanghai"));

    private final Listings listings;
    private final DepartmentDirectory directory;
    private final JurisdictionProfile profile;
    private final DisputedRecords disputes;
    private final PriorityDomainCoverage coverage;

    PortalController(Listings listings, DepartmentDirectory directory, JurisdictionProfile profile, DisputedRecords disputes,
                     PriorityDomainCoverage coverage) {
        this.coverage = coverage;
        this.listings = listings;
        this.directory = directory;
        this.profile = profile;
        this.disputes = disputes;
    }

    @GetMapping(value = BASE, produces = MediaType.TEXT_HTML_VALUE + ";charset=UTF-8")
    String home(@RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page) {
        int p = Math.max(page, 0);
        var result = listings.search(q, null, null, null, p, PAGE_SIZE);
        StringBuilder html = new StringBuilder();
        html.append("<section class=\"search\"><form id=\"search\" method=\"get\" action=\"").append(BASE).append("\">")
                .append("<label for=\"q\">搜索数据集</label> ")
                .append("<input id=\"q\" type=\"search\" name=\"q\" placeholder=\"输入关键词，如：食品、交通、医疗\" value=\"")
                .append(esc(q)).append("\"> <button type=\"submit\">搜索</button></form></section>");
        html.append("<section id=\"datasets\"><h2>开放数据集</h2><p class=\"count\">共 ").append(result.total()).append(" 个数据集</p>")
                .append("<table><thead><tr><th>名称</th><th>提供部门</th><th>开放类型</th><th>主题</th><th>更新频率</th><th>下载次数</th></tr></thead><tbody>");
        for (Listing l : result.items()) {
            html.append("<tr class=\"dataset\"><td><a href=\"").append(BASE).append("/datasets/").append(path(l.entryId())).append("\">")
                    .append(esc(l.name())).append("</a></td><td>").append(esc(department(l.department()))).append("</td><td>")
                    .append(openType(l)).append("</td><td>").append(esc(l.topic())).append("</td><td>").append(esc(l.updateFrequency()))
                    .append("</td><td>").append(l.downloadCount()).append("</td></tr>");
        }
        html.append("</tbody></table>");
        if ((long) (p + 1) * PAGE_SIZE < result.total()) {
            html.append("<p><a rel=\"next\" href=\"").append(BASE).append("?page=").append(p + 1)
                    .append(q == null ? "" : "&q=" + UriUtils.encodeQueryParam(q, StandardCharsets.UTF_8)).append("\">下一页</a></p>");
        }
        html.append("</section>");
        html.append(priorityDomainSection());
        html.append(notOpenSection(0));
        return page("首页", html.toString());
    }

    /** Coverage of the priority domains (SY 36, QY 31) by this year's open plans. */
    private String priorityDomainSection() {
        var c = coverage.of(null);
        StringBuilder html = new StringBuilder("<section id=\"priority-domains\"><h2>重点和优先开放领域（").append(c.year())
                .append("年，").append(esc(c.rule())).append("）</h2><table><thead><tr><th>领域</th><th>计划开放</th><th>已开放</th></tr></thead><tbody>");
        for (var d : c.domains()) {
            html.append("<tr class=\"priority-domain\" data-domain=\"").append(esc(d.key())).append("\"><td>").append(esc(d.labelZh()))
                    .append("</td><td>").append(d.planned()).append("</td><td>").append(d.open()).append("</td></tr>");
        }
        return html.append("</tbody></table></section>").toString();
    }

    @GetMapping(value = BASE + "/not-open", produces = MediaType.TEXT_HTML_VALUE + ";charset=UTF-8")
    String notOpen(@RequestParam(defaultValue = "0") int page) {
        return page("不予开放数据", notOpenSection(Math.max(page, 0)));
    }

    @GetMapping(value = BASE + "/datasets/{entryId}", produces = MediaType.TEXT_HTML_VALUE + ";charset=UTF-8")
    String dataset(@PathVariable String entryId) {
        Listing l = listings.open(entryId);
        StringBuilder html = new StringBuilder("<article id=\"dataset\"><h2>").append(esc(l.name())).append("</h2>");
        OpenDisputes open = disputes.of(l.entryId());
        if (open.any()) {
            html.append("<p class=\"disputed\" role=\"note\">部分数据存在异议，正在核实处理中（").append(open.recordCount())
                    .append(" 条记录）。</p>");
        }
        html.append("<p class=\"summary\">").append(esc(l.summary())).append("</p><table class=\"metadata\"><tbody>");
        row(html, "目录编号", l.entryId());
        row(html, "提供部门", department(l.department()));
        html.append("<tr><th>开放类型</th><td>").append(openType(l)).append("</td></tr>");
        row(html, "开放条件", l.openConditions());
        row(html, "开放依据", l.openLegalBasis());
        row(html, "主题", l.topic());
        row(html, "行业", l.industry());
        row(html, "更新频率", l.updateFrequency());
        row(html, "数据格式", l.formats() == null ? null : String.join("、", l.formats()));
        row(html, "当前版本", l.hasDataset() ? "第 " + l.currentVersion() + " 版（" + DATE.format(l.datasetPublishedAt()) + " 发布）" : "尚未发布");
        row(html, "记录数", l.recordCount() == null ? null : String.valueOf(l.recordCount()));
        row(html, "已脱敏字段", l.maskedFields() == null || l.maskedFields().isEmpty() ? null : String.join("、", l.maskedFields()));
        row(html, "下载次数", String.valueOf(l.downloadCount()));
        html.append("</tbody></table>");
        if (l.dataItems() != null && !l.dataItems().isEmpty()) {
            html.append("<h3>数据项</h3><table class=\"items\"><thead><tr><th>名称</th><th>类型</th><th>说明</th></tr></thead><tbody>");
            for (Listing.Item item : l.dataItems()) {
                html.append("<tr><td>").append(esc(item.name())).append(item.personal() ? "（个人信息，已脱敏）" : "").append("</td><td>")
                        .append(esc(item.type())).append("</td><td>").append(esc(item.description())).append("</td></tr>");
            }
            html.append("</tbody></table>");
        }
        String api = "/api/open-data/public/datasets/" + path(l.entryId());
        if (l.isUnconditional() && l.hasDataset()) {
            html.append("<section id=\"downloads\"><h3>下载</h3><ul>")
                    .append("<li><a class=\"download\" href=\"").append(api).append("/download?format=csv\">下载 CSV</a></li>")
                    .append("<li><a class=\"download\" href=\"").append(api).append("/download?format=json\">下载 JSON</a></li>")
                    .append("<li><a href=\"").append(api).append("/records\">数据接口（分页）</a></li></ul>")
                    .append("<p class=\"citation\">使用本数据形成的数据产品须注明数据来源和获取日期（下载文件中附有引用说明）。</p></section>");
        } else if (l.isConditional()) {
            html.append("<section id=\"apply\"><h3>有条件开放申请</h3>")
                    .append("<p class=\"note\">本数据集为有条件开放数据。请登录后提交申请，说明用途、使用场景和安全保障措施；")
                    .append("数据提供部门将在规定期限内答复，不予同意的将说明理由。获准后须签署数据利用协议，并使用平台发放的 API 密钥获取数据。</p>")
                    .append("<form id=\"application-form\" aria-describedby=\"apply-hint\">")
                    .append("<input type=\"hidden\" name=\"entryId\" value=\"").append(esc(l.entryId())).append("\">")
                    .append("<label>申请主体类型 <select name=\"applicantKind\">")
                    .append(applicantOptions()).append("</select></label>")
                    .append("<label>单位名称 <input name=\"organisation\"></label>")
                    .append("<label>用途 <textarea name=\"purpose\"></textarea></label>")
                    .append("<label>使用场景 <textarea name=\"scenario\"></textarea></label>")
                    .append("<label>安全保障措施 <textarea name=\"safetyMeasures\"></textarea></label>")
                    .append("<label><input type=\"checkbox\" name=\"commercialUse\" value=\"true\"> 用于商业开发</label>")
                    .append("<p class=\"hint\" id=\"apply-hint\">仅限已登录的申请人提交（公民、法人和其他组织账号），由申请人端以 POST /api/open-data/applications 提交上述字段。以科研、教育为目的的申请仅限非商业用途。</p>")
                    .append("</form></section>");
        }
        html.append("</article><p><a href=\"").append(BASE).append("\">返回首页</a></p>");
        return page(l.name(), html.toString());
    }

    /** One page of the not-open list; the next page lives on the not-open page, so the home page stays short. */
    private String notOpenSection(int p) {
        var result = listings.notOpen(null, null, p, PAGE_SIZE);
        StringBuilder html = new StringBuilder("<section id=\"not-open\"><h2>不予开放数据</h2>")
                .append("<p class=\"count\">共 ").append(result.total()).append(" 项</p>")
                .append("<table><thead><tr><th>名称</th><th>提供部门</th><th>不予开放理由</th><th>法律依据</th></tr></thead><tbody>");
        for (Listing l : result.items()) {
            html.append("<tr class=\"not-open\"><td>").append(esc(l.name())).append("</td><td>").append(esc(department(l.department())))
                    .append("</td><td>").append(esc(l.openReason())).append("</td><td>").append(esc(l.openLegalBasis()))
                    .append("</td></tr>");
        }
        html.append("</tbody></table>");
        if ((long) (p + 1) * PAGE_SIZE < result.total()) {
            html.append("<p><a rel=\"next\" href=\"").append(BASE).append("/not-open?page=").append(p + 1).append("\">下一页</a></p>");
        }
        return html.append("</section>").toString();
    }

    private String page(String title, String body) {
        String site = profile.nameZh() + "公共数据开放平台";
        return "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"UTF-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + esc(title) + " - " + esc(site)
                + "</title><style>" + CSS + "</style></head><body><header><h1><a href=\"" + BASE + "\">" + esc(site) + "</a></h1>"
                + "<nav><a href=\"" + BASE + "\">数据目录</a> <a href=\"" + BASE + "/not-open\">不予开放数据</a> "
                + "<a href=\"/api/open-data/public/plans\">年度开放计划</a> <a href=\"/api/open-data/public/agreement\">数据利用协议</a> "
                + "<a href=\"/api/open-data/public/selection-rounds\">竞争性选择公告与结果</a></nav>"
                + "</header><main>" + body + "</main><footer>数据使用须注明来源和获取日期。无条件开放数据无需申请，可直接下载。</footer></body></html>";
    }

    private static String applicantOptions() {
        return "<option value=\"natural-person\">公民</option><option value=\"domestic-controlled-enterprise\">内资控股企业</option>"
                + "<option value=\"foreign-controlled-enterprise\">外资控股企业</option><option value=\"university\">高等院校</option>"
                + "<option value=\"research-institute\">科研院所</option><option value=\"other-legal-person\">其他法人</option>"
                + "<option value=\"unincorporated-organization\">非法人组织</option>";
    }

    private static void row(StringBuilder html, String label, String value) {
        html.append("<tr><th>").append(label).append("</th><td>").append(value == null || value.isBlank() ? "—" : esc(value))
                .append("</td></tr>");
    }

    private static String openType(Listing l) {
        return l.isConditional() ? "<span class=\"conditional\">有条件开放</span>" : "<span class=\"unconditional\">无条件开放</span>";
    }

    private String department(String code) {
        return code == null ? null : directory.find(code).map(DirectoryEntry::name).orElse(code);
    }

    private static String path(String segment) {
        return UriUtils.encodePathSegment(segment, StandardCharsets.UTF_8);
    }

    private static String esc(String s) {
        return s == null ? "" : HtmlUtils.htmlEscape(s, "UTF-8");
    }

    private static final String CSS = "body{font-family:'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei',sans-serif;margin:0;color:#222}"
            + "header{background:#b71c1c;color:#fff;padding:12px 24px}header a{color:#fff}header h1{margin:0 0 6px;font-size:22px}"
            + "nav a{margin-right:16px}main{padding:16px 24px}table{border-collapse:collapse;width:100%;margin:8px 0}"
            + "th,td{border:1px solid #ddd;padding:6px 8px;text-align:left}th{background:#f5f5f5}"
            + "input[type=search]{width:360px;padding:6px}button{padding:6px 14px}.conditional{color:#e65100}.unconditional{color:#2e7d32}"
            + ".disputed{background:#fff8e1;border-left:4px solid #ff8f00;padding:8px 12px}"
            + "label{display:block;margin:6px 0}footer{padding:12px 24px;color:#666;border-top:1px solid #eee}";
}
