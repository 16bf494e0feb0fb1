package cn.govdata.catalog.entry;

import cn.govdata.calendar.WorkingDayCalendar;
import cn.govdata.platform.deadline.DeadlineRegistry;
import cn.govdata.platform.deadline.DeadlineRequest;
import cn.govdata.platform.deadline.ExpiryAction;
import cn.govdata.domain.Refusal;
import cn.govdata.platform.security.Caller;
import cn.govdata.policy.Deadlines;
import cn.govdata.policy.JurisdictionProfile;
import cn.govdata.policy.Rule;
import cn.govdata.policy.RuleKey;
import cn.govdata.policy.WithdrawalControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A published entry may not simply disappear. What the provider needs is the profile's
 * {@code withdrawal-control} rule:
 * <ul>
 *   <li>{@code bureau-approval} (NT 16): the provider asks with reasons, the subscribers are told at
 *       once, and only the bureau's approval withdraws it;</li>
 *   <li>{@code prior-filing} (SY 27): the provider states its reasons and files (备案) the withdrawal
 *       with the bureau at least the configured notice ({@link WithdrawalProperties}) before it takes
 *       effect; the subscribers are told at once and it takes effect then, with no bureau decision.</li>
 * </ul>
 */
@Service
class WithdrawingEntries {

    static final String PROCESS = "catalog-withdrawal";
    static final String EFFECTIVE_STEP = "effective";

    private static final Logger log = LoggerFactory.getLogger(WithdrawingEntries.class);

    private final Entries entries;
    private final CatalogEvents events;
    private final DeadlineRegistry deadlines;
    private final JurisdictionProfile profile;
    private final WorkingDayCalendar calendar;
    private final WithdrawalProperties properties;
    private final Clock clock;
    private final String bureauDepartment;

    WithdrawingEntries(Entries entries, CatalogEvents events, DeadlineRegistry deadlines, JurisdictionProfile profile,
                       WorkingDayCalendar calendar, WithdrawalProperties properties, Clock clock,
                       BureauProperties bureau) {
        this.entries = entries;
        this.events = events;
        this.deadlines = deadlines;
        this.profile = profile;
        this.calendar = calendar;
        this.properties = properties;
        this.clock = clock;
        this.bureauDepartment = bureau.bureauDepartment();
    }

    boolean byFiling() {
        return profile.withdrawalControl().value() == WithdrawalControl.PRIOR_FILING;
    }

    /**
     * @param effectiveOn under {@code prior-filing}, the day (Asia/Shanghai) the withdrawal takes
     *                    effect; the earliest allowed day when null. Refused under {@code bureau-approval},
     *                    where the bureau's approval decides when.
     */
    CatalogEntry request(String id, String reasons, LocalDate effectiveOn, Caller officer) {
        EntryDocument loaded = entries.get(id);
        EntryAccess.requireOfficerOf(officer, loaded.entry().providerDepartment());
        if (byFiling()) {
            return file(loaded, reasons.strip(), effectiveOn, officer);
        }
        if (effectiveOn != null) {
            throw Refusal.invalidField("effectiveOn", "撤销发布经数据主管部门审核同意后生效（"
                    + cite(profile.withdrawalControl()) + "），不能自定生效日期");
        }
        Instant now = clock.instant();
        CatalogEntry next = loaded.entry().requestWithdrawal(reasons.strip(), officer.actor(), now);
        var deadline = deadlines.register(DeadlineRequest.forStep(PROCESS, "decision-" + now.toEpochMilli(), id)
                .responsible(bureauDepartment, next.published().region())
                .within(now, RuleKey.CATALOG_REVIEW)
                .onExpiry(ExpiryAction.MARK_OVERDUE));
        entries.update(loaded, next, List.of(events.withdrawalRequested(next, deadline.dueAt())));
        return next;
    }

    /** SY 27: filed with reasons, effective at the earliest after the minimum notice; subscribers told now. */
    private CatalogEntry file(EntryDocument loaded, String reasons, LocalDate effectiveOn, Caller officer) {
        Instant now = clock.instant();
        // The notice runs like a statutory period: the filing day does not count, the withdrawal
        // takes effect at the start of the day after the notice's last day at the earliest.
        Instant earliest = Deadlines.due(calendar, now, properties.notice());
        Instant effectiveAt = effectiveOn == null ? earliest : effectiveOn.atStartOfDay(WorkingDayCalendar.ZONE).toInstant();
        if (effectiveAt.isBefore(earliest)) {
            throw Refusal.invalidField("effectiveOn", "停止提供须提前报备（" + cite(profile.withdrawalControl())
                    + "）：至少提前" + properties.minimumNotice() + "，最早生效日为 "
                    + earliest.atZone(WorkingDayCalendar.ZONE).toLocalDate());
        }
        String citation = profile.withdrawalControl().citation();
        CatalogEntry next = loaded.entry().fileWithdrawal(reasons, effectiveAt, citation, officer.actor(), now);
        DeadlineRequest effective = DeadlineRequest.forStep(PROCESS, EFFECTIVE_STEP, next.id())
                .responsible(next.providerDepartment(), next.published().region())
                .dueAt(effectiveAt)
                .onExpiry(ExpiryAction.AUTO_ACT);
        deadlines.register(citation == null ? effective : effective.citing(citation));
        entries.update(loaded, next, List.of(events.withdrawalFiled(next)));
        log.info("Withdrawal of {} filed by {}, effective {}{}", next.id(), officer.actor(), effectiveAt,
                citation == null ? "" : " per " + citation);
        return next;
    }

    /**
     * The filed withdrawal's effective time came: the entry is withdrawn without a decision.
     * Idempotent: an entry whose withdrawal already took effect is left alone.
     *
     * @throws Refusal on a concurrent change, so the deadline engine retries
     */
    void takeEffect(String id) {
        EntryDocument loaded = entries.find(id).orElse(null);
        if (loaded == null || loaded.entry().withdrawal() == null
                || loaded.entry().withdrawal().state() != CatalogEntry.WithdrawalState.FILED) {
            log.debug("Entry {} has no filed withdrawal waiting; nothing to do", id);
            return;
        }
        String citation = loaded.entry().withdrawal().citation();
        CatalogEntry next = loaded.entry().withdrawalTakesEffect("prior-filing" + (citation == null ? "" : " (" + citation + ")"),
                clock.instant());
        entries.update(loaded, next, List.of(events.withdrawalDecided(next)));
        log.info("Filed withdrawal of {} took effect", id);
    }

    CatalogEntry decide(String id, boolean approve, String reasons, Caller bureau) {
        EntryAccess.requireBureau(bureau);
        if (byFiling()) {
            Rule<WithdrawalControl> rule = profile.withdrawalControl();
            Map<String, Object> properties = new HashMap<>();
            properties.put("rule", RuleKey.WITHDRAWAL_CONTROL.key());
            if (rule.citation() != null) {
                properties.put("citation", rule.citation());
            }
            throw new Refusal(Refusal.Kind.CONFLICT, "withdrawal-by-filing", "Withdrawal is filed, not approved",
                    "本辖区停止提供已发布的数据资源只需说明理由并提前报数据主管部门备案，无需审核（" + cite(rule)
                            + "）；备案的撤销到生效日自动生效", properties);
        }
        EntryDocument loaded = entries.get(id);
        CatalogEntry before = loaded.entry();
        CatalogEntry next = before.decideWithdrawal(approve, reasons, bureau.actor(), clock.instant());
        entries.update(loaded, next, List.of(events.withdrawalDecided(next)));
        if (before.withdrawal() != null) {
            deadlines.complete(PROCESS, "decision-" + before.withdrawal().requestedAt().toEpochMilli(), id);
        }
        return next;
    }

    private static String cite(Rule<?> rule) {
        Object value = rule.value() instanceof cn.govdata.policy.PolicyChoice choice ? choice.key() : rule.value();
        return rule.citation() != null ? rule.citation() : RuleKey.WITHDRAWAL_CONTROL.key() + "=" + value;
    }
}
