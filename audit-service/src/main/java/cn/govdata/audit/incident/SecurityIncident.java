package cn.govdata.audit.incident;

import cn.govdata.domain.DomainModel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One entry of the data security incident register (NJ 34, SY 44): what happened, what was done
 * to contain it, and who was told when. Containment steps and notifications are only ever appended.
 * Who must be told follows from the incident itself ({@link #required()}): each affected department
 * other than the reporter's own, the data bureau unless it reported the incident, and, where
 * personal information is involved, the affected users (NJ 34 ¶2 及时告知用户, SY 44 告知可能受到影响的用户).
 * All of them are due by {@code notificationDueAt}, the profile's {@code security-incident-notification}
 * period counted from the report.
 *
 * @param reportingDepartment the reporter's department (the bureau's code when the bureau or an operator reported)
 * @param reportedByBureau    the bureau itself reported, so it needs no separate report
 * @param warningId           the early warning (SY 43) the incident was opened from, or null
 * @param notificationOverdue the period ran out with notifications missing; stays set as history
 */
@DomainModel
public record SecurityIncident(String id, String title, String description, Instant detectedAt, Severity severity,
                               List<String> affectedResources, List<String> affectedDepartments, boolean personalInformation,
                               String suspectedCause, String warningId, String reportedBy, String reportingDepartment,
                               boolean reportedByBureau, Instant reportedAt, Instant notificationDueAt, String citation,
                               List<ContainmentStep> containment, List<Notification> notifications, boolean notificationOverdue,
                               State state, Closure closure) {

    public static final String BUREAU = "BUREAU";
    public static final String AFFECTED_USERS = "AFFECTED_USERS";

    public enum State { OPEN, CLOSED }

    /** One action taken to contain the incident or limit its harm (立即采取补救措施). */
    public record ContainmentStep(Instant at, String by, String action) {
    }

    /** One recorded notification: to whom, when it went out, how, and what it said in short. */
    public record Notification(Recipient recipient, String department, Instant notifiedAt, Channel channel, String summary,
                               String recordedBy, Instant recordedAt) {
        public String key() {
            return recipient == Recipient.DEPARTMENT ? "DEPARTMENT:" + department : recipient.name();
        }
    }

    public record Closure(Instant at, String by, String summary) {
    }

    public SecurityIncident {
        affectedResources = List.copyOf(affectedResources);
        affectedDepartments = List.copyOf(new LinkedHashSet<>(affectedDepartments));
        containment = List.copyOf(containment);
        notifications = List.copyOf(notifications);
    }

    /**
     * A new register entry.
     *
     * @throws IncidentRefusal INVALID_TIME when the incident was detected after it was reported
     */
    public static SecurityIncident report(String id, String title, String description, Instant detectedAt, Severity severity,
                                          List<String> affectedResources, List<String> affectedDepartments,
                                          boolean personalInformation, String suspectedCause, String warningId, String reportedBy,
                                          String reportingDepartment, boolean reportedByBureau, Instant reportedAt,
                                          Instant notificationDueAt, String citation) {
        if (detectedAt.isAfter(reportedAt)) {
            throw new IncidentRefusal(IncidentRefusal.Reason.INVALID_TIME, "detectedAt", List.of(),
                    "发现时间不能晚于报告时间（" + reportedAt + "）");
        }
        return new SecurityIncident(id, title, description, detectedAt, severity, affectedResources, affectedDepartments,
                personalInformation, suspectedCause, warningId, reportedBy, reportingDepartment, reportedByBureau, reportedAt,
                notificationDueAt, citation, List.of(), List.of(), false, State.OPEN, null);
    }

    /** The notifications NJ 34 ¶2 and SY 44 require for this incident, as keys. */
    public List<String> required() {
        Set<String> required = new LinkedHashSet<>();
        for (String department : affectedDepartments) {
            if (!department.equals(reportingDepartment)) {
                required.add("DEPARTMENT:" + department);
            }
        }
        if (!reportedByBureau) {
            required.add(BUREAU);
        }
        if (personalInformation) {
            required.add(AFFECTED_USERS);
        }
        return List.copyOf(required);
    }

    /** Required notifications not recorded yet, in the order of {@link #required()}. */
    public List<String> missing() {
        Set<String> done = new LinkedHashSet<>();
        notifications.forEach(n -> done.add(n.key()));
        return required().stream().filter(r -> !done.contains(r)).toList();
    }

    public boolean open() {
        return state == State.OPEN;
    }

    /** Every required notification was recorded, each before the due time. */
    public boolean notifiedInTime() {
        return missing().isEmpty() && required().stream().allMatch(key -> notifications.stream()
                .filter(n -> n.key().equals(key)).anyMatch(n -> n.notifiedAt().isBefore(notificationDueAt)));
    }

    public SecurityIncident contain(String action, String by, Instant at) {
        requireOpen();
        List<ContainmentStep> steps = new ArrayList<>(containment);
        steps.add(new ContainmentStep(at, by, action));
        return with(steps, notifications, notificationOverdue, state, closure);
    }

    /**
     * Records a notification.
     *
     * @throws IncidentRefusal CLOSED; INVALID_RECIPIENT when a department notification names no
     *                         department or another kind names one; INVALID_TIME when it went out
     *                         before the incident was detected or lies in the future
     */
    public SecurityIncident recordNotification(Recipient recipient, String department, Instant notifiedAt, Channel channel, String summary,
                                   String by, Instant now) {
        requireOpen();
        boolean hasDepartment = department != null && !department.isBlank();
        if (recipient == Recipient.DEPARTMENT && !hasDepartment) {
            throw new IncidentRefusal(IncidentRefusal.Reason.INVALID_RECIPIENT, "department", List.of(),
                    "通知部门时请填写被通知部门的代码");
        }
        if (recipient != Recipient.DEPARTMENT && hasDepartment) {
            throw new IncidentRefusal(IncidentRefusal.Reason.INVALID_RECIPIENT, "department", List.of(),
                    "只有通知对象为部门（DEPARTMENT）时才填写部门代码");
        }
        if (notifiedAt.isAfter(now)) {
            throw new IncidentRefusal(IncidentRefusal.Reason.INVALID_TIME, "notifiedAt", List.of(), "通知时间不能晚于当前时间");
        }
        if (notifiedAt.isBefore(detectedAt)) {
            throw new IncidentRefusal(IncidentRefusal.Reason.INVALID_TIME, "notifiedAt", List.of(),
                    "通知时间不能早于事件发现时间（" + detectedAt + "）");
        }
        List<Notification> next = new ArrayList<>(notifications);
        next.add(new Notification(recipient, hasDepartment ? department.strip() : null, notifiedAt, channel, summary, by, now));
        return with(containment, next, notificationOverdue, state, closure);
    }

    /**
     * Closes the entry; only once every required notification is on record.
     *
     * @throws IncidentRefusal CLOSED, or NOTIFICATIONS_MISSING naming what is missing in Chinese
     */
    public SecurityIncident close(String summary, String by, Instant at) {
        requireOpen();
        List<String> missing = missing();
        if (!missing.isEmpty()) {
            throw new IncidentRefusal(IncidentRefusal.Reason.NOTIFICATIONS_MISSING, null, missing,
                    "尚未记录以下必需的通知，不能结案：" + String.join("、", missing.stream().map(SecurityIncident::describe).toList())
                            + "（南京办法第三十四条、沈阳条例第四十四条）");
        }
        return with(containment, notifications, notificationOverdue, State.CLOSED, new Closure(at, by, summary));
    }

    /** The notification period ran out; true when that changes anything (open, something missing, not yet marked). */
    public boolean overdueNow() {
        return open() && !notificationOverdue && !missing().isEmpty();
    }

    public SecurityIncident markOverdue() {
        return with(containment, notifications, true, state, closure);
    }

    /** A required notification in words, for people reading a refusal. */
    public static String describe(String key) {
        if (key.startsWith("DEPARTMENT:")) {
            return "受影响部门 " + key.substring("DEPARTMENT:".length());
        }
        return switch (key) {
            case BUREAU -> "数据主管部门（市数据局）";
            case AFFECTED_USERS -> "可能受到影响的用户（涉及个人信息）";
            default -> key;
        };
    }

    private void requireOpen() {
        if (!open()) {
            throw new IncidentRefusal(IncidentRefusal.Reason.CLOSED, null, List.of(), "安全事件 " + id + " 已结案，记录不能再更改");
        }
    }

    private SecurityIncident with(List<ContainmentStep> steps, List<Notification> sent, boolean overdue, State next, Closure closed) {
        return new SecurityIncident(id, title, description, detectedAt, severity, affectedResources, affectedDepartments,
                personalInformation, suspectedCause, warningId, reportedBy, reportingDepartment, reportedByBureau, reportedAt,
                notificationDueAt, citation, steps, sent, overdue, next, closed);
    }
}
