package cn.govdata.opendata.application;

import cn.govdata.domain.Refusal;
import cn.govdata.platform.deadline.Deadline;
import cn.govdata.platform.deadline.DeadlineRegistry;
import cn.govdata.platform.deadline.DeadlineRequest;
import cn.govdata.platform.deadline.ExpiryAction;
import cn.govdata.platform.security.Caller;
import cn.govdata.policy.JurisdictionProfile;
import cn.govdata.policy.RuleKey;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Licensees report their use of the data (QZ 6.7). Where the profile requires reports, each licence
 * has one deadline per reporting period; a missed period is counted, and the bureau follows due and
 * missed reports and may suspend a licence whose reports are missed repeatedly.
 */
@Component
@EnableConfigurationProperties(UsageReportSettings.class)
class ReportingUsage {

    /** One deadline per reporting period of a licence (QZ 6.7); subject {@code <application id>#<period>}. */
    static final String USAGE_REPORT_STEP = "usage-report";

    private final OpenApplications applications;
    private final DeadlineRegistry deadlines;
    private final JurisdictionProfile profile;
    private final Clock clock;
    private final UsageReportSettings usageReports;

    ReportingUsage(OpenApplications applications, DeadlineRegistry deadlines, JurisdictionProfile profile, Clock clock,
                   UsageReportSettings usageReports) {
        this.applications = applications;
        this.deadlines = deadlines;
        this.profile = profile;
        this.clock = clock;
        this.usageReports = usageReports;
    }

    /**
     * Licensees report their use of the data: what they developed and the products, each citing the
     * data's source and acquisition date (QZ 6.7). Where reports are required, a report answers the period
     * now running and starts the next one, counted from the end of this one.
     */
    OpenApplication reportUsage(String id, UsageReportRequest request, Caller caller) {
        OpenApplication application = applications.find(id);
        if (!application.applicantSubject().equals(caller.subject())) {
            throw Refusal.forbidden("Only the licensee reports usage");
        }
        List<OpenApplication.Product> products = request.products() == null ? List.of() : request.products().stream()
                .map(p -> new OpenApplication.Product(p.name(), p.source(), p.acquiredOn())).toList();
        var licence = application.licence();
        Integer period = licence == null ? null : licence.reportPeriod();
        var report = new OpenApplication.UsageReport(request.period(), request.summary(),
                products.stream().map(OpenApplication.Product::name).toList(), products, caller.actor(), clock.instant(), period);
        Criteria criteria = Criteria.where("_id").is(id).and("state").in(
                OpenApplication.State.LICENSED.name(), OpenApplication.State.SUSPENDED.name());
        Update update = new Update().push("usageReports", report);
        if (period != null) {
            // The period's deadline counts from the end of the one answered, so reporting early does not shift the schedule.
            var next = registerReportDeadline(application, period + 1, licence.nextReportDueAt());
            criteria = criteria.and("licence.reportPeriod").is(period);
            update.set("licence.reportPeriod", period + 1).set("licence.nextReportDueAt", next.dueAt());
        }
        if (!applications.update(criteria, update)) {
            throw Refusal.conflict(licence == null ? "no-licence" : "usage-report-period",
                    licence == null ? "Application " + id + " holds no licence to report on"
                            : "The licence of " + id + " is not active, or its reporting period changed meanwhile; reload and report again");
        }
        if (period != null) {
            deadlines.complete(ConditionalOpening.PROCESS, USAGE_REPORT_STEP, reportSubject(id, period));
        }
        return applications.find(id);
    }

    Deadline registerReportDeadline(OpenApplication application, int period, Instant from) {
        return deadlines.register(DeadlineRequest.forStep(ConditionalOpening.PROCESS, USAGE_REPORT_STEP, reportSubject(application.id(), period))
                .responsible(application.department(), application.region())
                .within(from, RuleKey.LICENCE_USAGE_REPORT_INTERVAL)
                .onExpiry(ExpiryAction.MARK_OVERDUE)
                .remindBefore(Duration.ofDays(7)));
    }

    static String reportSubject(String applicationId, int period) {
        return applicationId + "#" + period;
    }

    /**
     * A reporting period passed without a report (QZ 6.7): counted on the licence, and the next period
     * starts from the end of the missed one. Idempotent: only the licence still in that period is changed.
     */
    void reportMissed(String subject, Instant dueAt) {
        int hash = subject.lastIndexOf('#');
        if (hash < 0) {
            return;
        }
        String id = subject.substring(0, hash);
        int period = Integer.parseInt(subject.substring(hash + 1));
        OpenApplication application = applications.findIfAny(id).orElse(null);
        if (application == null || application.licence() == null || !Integer.valueOf(period).equals(application.licence().reportPeriod())) {
            return;
        }
        var next = registerReportDeadline(application, period + 1, dueAt);
        applications.update(Criteria.where("_id").is(id).and("licence.reportPeriod").is(period),
                new Update().inc("licence.missedReports", 1).set("licence.reportPeriod", period + 1)
                        .set("licence.nextReportDueAt", next.dueAt()));
    }

    void requireRepeatedMisses(OpenApplication application) {
        var rule = profile.licenceUsageReports();
        if (!rule.value()) {
            throw Refusal.forbidden("本地区不要求被授权方报告数据利用情况，由数据提供部门决定暂停授权");
        }
        int misses = application.licence().misses();
        if (misses < usageReports.missesBeforeSuspension()) {
            throw new Refusal(Refusal.Kind.CONFLICT, "usage-reports-not-missed", "Usage reports not missed repeatedly",
                    "被授权方已漏报 %d 次开发利用情况，达到 %d 次后数据管理机构方可暂停授权（%s）".formatted(misses,
                            usageReports.missesBeforeSuspension(), rule.citation()),
                    Map.of("missedReports", misses, "missesBeforeSuspension", usageReports.missesBeforeSuspension(),
                            "rule", rule.citation()));
        }
    }

    /** Licences that must report (QZ 6.7), earliest due first, with overdue ones flagged, for the bureau. */
    UsageReportDesk dueReports(Caller caller) {
        if (!caller.isBureau()) {
            throw Refusal.forbidden("The data management agency (bureau-reviewer) follows licensees' usage reports (QZ 6.7)");
        }
        Instant now = clock.instant();
        var licences = applications.find(Criteria.where("licence.nextReportDueAt").exists(true).and("state")
                                .in(OpenApplication.State.LICENSED.name(), OpenApplication.State.SUSPENDED.name()),
                        Sort.by(Sort.Direction.ASC, "licence.nextReportDueAt"), 500)
                .stream().map(a -> {
                    var l = a.licence();
                    int reports = a.usageReports() == null ? 0 : a.usageReports().size();
                    return new UsageReportDesk.Row(l.licenceId(), a.id(), a.entryId(), a.datasetName(), a.department(),
                            a.organisation(), a.state().name(), l.reportEvery(), l.reportPeriod(), l.nextReportDueAt(),
                            l.nextReportDueAt().isBefore(now), l.misses(), reports,
                            a.state() == OpenApplication.State.LICENSED && l.misses() >= usageReports.missesBeforeSuspension());
                }).toList();
        return new UsageReportDesk(profile.licenceUsageReports().citation(), usageReports.missesBeforeSuspension(),
                licences.stream().filter(UsageReportDesk.Row::overdue).count(),
                licences.stream().mapToLong(UsageReportDesk.Row::missedReports).sum(), licences);
    }
}
