package cn.govdata.audit.trail;

import cn.govdata.audit.chain.Blocks;
import cn.govdata.audit.chain.TrailRecord;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What an auditor asks the trail: all given criteria must hold. {@code department} matches the
 * event's responsible department and its providing or consuming department; {@code user} matches a
 * person or partner system involved (actor, client, approver, ...); times are the events' own
 * {@code ce_time}, {@code from} inclusive and {@code to} exclusive.
 */
public record TrailFilter(String type, String department, String consumer, String provider, String resource, String user,
                          String requestId, String subject, String eventId, Instant from, Instant to,
                          Predicate<TrailRecord> extra) {

    public static TrailFilter none() {
        return new TrailFilter(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public TrailFilter withExtra(Predicate<TrailRecord> predicate) {
        return new TrailFilter(type, department, consumer, provider, resource, user, requestId, subject, eventId, from, to,
                extra == null ? predicate : extra.and(predicate));
    }

    /** Selects the blocks that may hold matching records: an index lookup on MongoDB. */
    Query blocks() {
        List<Criteria> all = new ArrayList<>();
        add(all, "types", type);
        add(all, "departments", department);
        add(all, "departments", consumer);
        add(all, "departments", provider);
        add(all, "resources", resource);
        add(all, "users", user);
        add(all, "requestIds", requestId);
        add(all, "subjects", subject);
        add(all, "ids", eventId);
        if (from != null) {
            all.add(Criteria.where(Blocks.TO).gte(java.util.Date.from(from)));
        }
        if (to != null) {
            all.add(Criteria.where(Blocks.FROM).lt(java.util.Date.from(to)));
        }
        Query query = all.isEmpty() ? new Query() : new Query(new Criteria().andOperator(all.toArray(Criteria[]::new)));
        query.fields().include("_id", Blocks.FROM, Blocks.TO);
        return query;
    }

    private static void add(List<Criteria> all, String field, String value) {
        if (value != null) {
            all.add(Criteria.where(Blocks.IX + "." + field).is(value));
        }
    }

    /** Cheap necessary condition on the raw entry before parsing it: each wanted value must appear in it. */
    boolean mayMatch(String entry) {
        for (String value : new String[] {type, department, consumer, provider, resource, user, requestId, subject, eventId}) {
            if (value != null && !entry.contains(value)) {
                return false;
            }
        }
        return true;
    }

    boolean matches(TrailRecord r) {
        if (type != null && !type.equals(r.type())) {
            return false;
        }
        if (department != null && !(department.equals(r.department()) || department.equals(r.provider())
                || department.equals(r.consumer()))) {
            return false;
        }
        if (consumer != null && !consumer.equals(r.consumer())) {
            return false;
        }
        if (provider != null && !provider.equals(r.provider())) {
            return false;
        }
        if (resource != null && !resource.equals(r.resource())) {
            return false;
        }
        if (user != null && !r.users().contains(user)) {
            return false;
        }
        if (requestId != null && !requestId.equals(r.requestId())) {
            return false;
        }
        if (subject != null && !subject.equals(r.subject())) {
            return false;
        }
        if (eventId != null && !eventId.equals(r.id())) {
            return false;
        }
        Instant time = r.time();
        if (from != null && (time == null || time.isBefore(from))) {
            return false;
        }
        if (to != null && (time == null || !time.isBefore(to))) {
            return false;
        }
        return extra == null || extra.test(r);
    }
}
