package cn.govdata.opendata.plan;

import cn.govdata.calendar.WorkingDayCalendar;
import cn.govdata.opendata.catalog.Listing;
import cn.govdata.policy.JurisdictionProfile;
import cn.govdata.policy.PriorityDomain;
import cn.govdata.policy.Rule;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How far the priority domains (重点和优先开放领域, SY 36, QY 31) are covered by one year's open plans:
 * per domain, the datasets the plans name for it and how many of those are open on the portal now.
 * A dataset's domain is the one its plan item gives; the catalog entry's own tag is not read here.
 */
@Component
public class PriorityDomainCoverage {

    private final MongoTemplate mongo;
    private final JurisdictionProfile profile;
    private final Clock clock;

    PriorityDomainCoverage(MongoTemplate mongo, JurisdictionProfile profile, Clock clock) {
        this.mongo = mongo;
        this.profile = profile;
        this.clock = clock;
    }

    /**
     * @param priority whether the profile names the domain (others appear only when a plan uses them)
     * @param planned  plan items of the year in the domain
     * @param open     of those with a catalog entry, the entries open on the portal (not withdrawn, not 不予开放)
     */
    public record Domain(String key, String labelZh, boolean priority, int planned, int open) {
    }

    public record Coverage(int year, String rule, List<Domain> domains) {
    }

    public Coverage of(Integer year) {
        int y = year != null ? year : clock.instant().atZone(WorkingDayCalendar.ZONE).getYear();
        Rule<Set<PriorityDomain>> rule = profile.priorityOpenDomains();
        // One plan per department and year (hundreds at most), read by the year index.
        List<OpenPlan> plans = mongo.find(Query.query(Criteria.where("year").is(y)), OpenPlan.class, OpenPlan.COLLECTION);
        Map<PriorityDomain, Integer> planned = new EnumMap<>(PriorityDomain.class);
        Map<PriorityDomain, Set<String>> entries = new EnumMap<>(PriorityDomain.class);
        Set<String> entryIds = new HashSet<>();
        for (OpenPlan plan : plans) {
            for (OpenPlan.Item item : plan.items()) {
                if (item.priorityDomain() == null) {
                    continue;
                }
                PriorityDomain domain;
                try {
                    domain = PriorityDomain.fromKey(item.priorityDomain());
                } catch (IllegalArgumentException retired) {
                    continue;
                }
                planned.merge(domain, 1, Integer::sum);
                if (item.entryId() != null) {
                    entries.computeIfAbsent(domain, d -> new LinkedHashSet<>()).add(item.entryId());
                    entryIds.add(item.entryId());
                }
            }
        }
        Map<String, Listing> listings = new HashMap<>();
        if (!entryIds.isEmpty()) {
            mongo.find(Query.query(Criteria.where("_id").in(entryIds)), Listing.class, Listing.COLLECTION)
                    .forEach(l -> listings.put(l.entryId(), l));
        }
        Set<PriorityDomain> shown = new LinkedHashSet<>(rule.value());
        shown.addAll(planned.keySet());
        List<Domain> domains = new ArrayList<>();
        for (PriorityDomain domain : shown) {
            int open = (int) entries.getOrDefault(domain, Set.of()).stream().map(listings::get)
                    .filter(l -> l != null && !l.isWithdrawn() && !l.isNotOpen()).count();
            domains.add(new Domain(domain.key(), domain.labelZh(), rule.value().contains(domain), planned.getOrDefault(domain, 0), open));
        }
        return new Coverage(y, rule.isRegulated() ? rule.citation() : "platform default (SY 36)", domains);
    }
}
