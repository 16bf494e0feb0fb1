package cn.govdata.objection.cases.filing;

import cn.govdata.calendar.WorkingDayCalendar;
import cn.govdata.domain.Refusal;
import cn.govdata.objection.ObjectionProperties;
import cn.govdata.objection.cases.deadlines.StepDeadlines;
import cn.govdata.objection.cases.model.CaseKind;
import cn.govdata.objection.cases.model.EvidenceFile;
import cn.govdata.objection.cases.model.ObjectionCase;
import cn.govdata.objection.cases.model.ServiceContext;
import cn.govdata.objection.cases.requests.CaseRequests;
import cn.govdata.objection.cases.store.CaseEvents;
import cn.govdata.objection.cases.store.Cases;
import cn.govdata.objection.resource.CatalogResource;
import cn.govdata.objection.resource.CatalogResources;
import cn.govdata.platform.outbox.OutboxMessage;
import cn.govdata.platform.security.Caller;
import cn.govdata.platform.security.Roles;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A citizen, organisation, data subject or consumer department files an objection and gets a tracking number. */
@Service
public class FilingObjections {

    private static final Logger log = LoggerFactory.getLogger(FilingObjections.class);

    private final Cases cases;
    private final CatalogResources resources;
    private final EvidenceStore evidence;
    private final CaseEvents events;
    private final StepDeadlines deadlines;
    private final ObjectionProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;

    FilingObjections(Cases cases, CatalogResources resources, EvidenceStore evidence, CaseEvents events,
                     StepDeadlines deadlines, ObjectionProperties properties, Clock clock, MeterRegistry meters) {
        this.cases = cases;
        this.resources = resources;
        this.evidence = evidence;
        this.events = events;
        this.deadlines = deadlines;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    public ObjectionCase file(CaseRequests.ObjectionRequest request, List<MultipartFile> attachments, Caller caller) {
        CaseKind kind = kind(request, caller);
        CatalogResource resource = resources.published(request.resourceId(), "resourceId");
        CatalogResources.requireItems(resource, request.fieldList(), "fields");
        ServiceContext service = service(request.service());
        List<EvidenceStore.Upload> uploads = evidence.check(attachments);

        Instant now = clock.instant();
        String id = trackingNumber(now);
        List<EvidenceFile> stored = evidence.store(id, uploads, now);
        var filer = new ObjectionCase.Filer(caller.subject(), caller.actor(),
                kind == CaseKind.CONSUMER_REPORT ? caller.department() : null);
        ObjectionCase filed = ObjectionCase.file(id, kind, request.reason(),
                new ObjectionCase.ResourceRef(resource.id(), resource.name(), resource.providerDepartment(), resource.region()),
                request.recordKey(), request.fieldList(), request.claim(), request.objector().toObjector(), filer,
                filer.department(), service, stored, now, properties.markOnReceipt(), deadlines.platformMarksWhenDue(),
                properties.platformDepartment(), deadlines);
        List<OutboxMessage> outbox = new ArrayList<>(List.of(events.received(filed)));
        if (filed.isMarked()) {
            outbox.add(events.disputed(filed));
        }
        try {
            cases.insert(filed, outbox);
        } catch (RuntimeException e) {
            evidence.discard(id);
            throw e;
        }
        deadlines.follow(null, filed);
        meters.counter("objections_received", "kind", kind.name()).increment();
        log.info("Objection {} ({}, {}) on resource {} of {} from {}{}", id, kind, request.reason(), resource.id(),
                resource.providerDepartment(), filed.objector().maskedDisplayName(),
                filed.isMarked() ? "; marked disputed on receipt" : "; record to be identified and marked");
        return filed;
    }

    private CaseKind kind(CaseRequests.ObjectionRequest request, Caller caller) {
        if (caller.hasRole(Roles.PUBLIC_APPLICANT)) {
            return request.service() != null ? CaseKind.DATA_SUBJECT : CaseKind.PUBLIC;
        }
        if (caller.hasRole(Roles.DEPT_CONSUMER)) {
            if (caller.departmentCode().isEmpty()) {
                throw Refusal.forbidden("A consumer department's report needs a token with the department claim");
            }
            if (request.service() != null) {
                throw Refusal.invalidField("service", "only a data subject objecting during a service gives one");
            }
            return CaseKind.CONSUMER_REPORT;
        }
        throw Refusal.forbidden("Objections are raised by the public (public-applicant) or by consumer departments");
    }

    private static ServiceContext service(CaseRequests.ServiceRequest request) {
        if (request == null) {
            return null;
        }
        if (request.proceededOnValidProof() && (request.proofNote() == null || request.proofNote().isBlank())) {
            throw Refusal.invalidField("service.proofNote", "say which valid proof the service proceeded on (QY 28)");
        }
        return new ServiceContext(request.servingDepartment(), request.serviceName(), request.proceededOnValidProof(),
                request.proofNote());
    }

    private String trackingNumber(Instant now) {
        int year = now.atZone(WorkingDayCalendar.ZONE).getYear();
        return "%s-%d-%06d".formatted(properties.trackingPrefix(), year, cases.nextSequence(year));
    }
}
