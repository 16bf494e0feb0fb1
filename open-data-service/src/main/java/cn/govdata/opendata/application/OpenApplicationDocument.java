package cn.govdata.opendata.application;

import cn.govdata.platform.outbox.OutboxMessage;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.TypeAlias;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * Storage shape of an application: its fields at the top level as before the split (the state
 * transitions and the licence lookup name them), and the events waiting for the relay. It has no
 * version: every transition is an update conditional on the state it leaves. The type alias keeps
 * the {@code _class} hint that applications stored earlier carry.
 */
@Document(OpenApplicationDocument.COLLECTION)
@TypeAlias("cn.govdata.opendata.application.OpenApplication")
record OpenApplicationDocument(
        @Id String id,
        String entryId,
        String datasetName,
        String department,
        String region,
        String applicant,
        String applicantSubject,
        String applicantKind,
        String organisation,
        String purpose,
        String scenario,
        String safetyMeasures,
        boolean commercialUse,
        OpenApplication.State state,
        Instant submittedAt,
        Instant decisionDueAt,
        String decisionRule,
        Boolean decisionOverdue,
        String decidedBy,
        Instant decidedAt,
        String reasons,
        OpenApplication.Licence licence,
        List<OpenApplication.UsageReport> usageReports,
        String route,
        OpenApplication.Assessment assessment,
        String authorisedBy,
        Instant authorisedAt,
        String selectionRound,
        List<OutboxMessage> outbox) {

    static final String COLLECTION = "open_applications";

    /** @param outbox the events to store with a new application; a transition $pushes its event instead */
    static OpenApplicationDocument from(OpenApplication a, List<OutboxMessage> outbox) {
        return new OpenApplicationDocument(a.id(), a.entryId(), a.datasetName(), a.department(), a.region(), a.applicant(),
                a.applicantSubject(), a.applicantKind(), a.organisation(), a.purpose(), a.scenario(), a.safetyMeasures(),
                a.commercialUse(), a.state(), a.submittedAt(), a.decisionDueAt(), a.decisionRule(), a.decisionOverdue(),
                a.decidedBy(), a.decidedAt(), a.reasons(), a.licence(), a.usageReports(), a.route(), a.assessment(), a.authorisedBy(),
                a.authorisedAt(), a.selectionRound(), outbox);
    }

    OpenApplication toDomain() {
        return new OpenApplication(id, entryId, datasetName, department, region, applicant, applicantSubject, applicantKind,
                organisation, purpose, scenario, safetyMeasures, commercialUse, state, submittedAt, decisionDueAt, decisionRule,
                decisionOverdue, decidedBy, decidedAt, reasons, licence, usageReports, route, assessment, authorisedBy, authorisedAt,
                selectionRound);
    }
}
