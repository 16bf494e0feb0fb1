package cn.govdata.catalog.dcat;

import cn.govdata.policy.PriorityDomain;
import cn.govdata.catalog.department.Departments;
import cn.govdata.catalog.entry.CatalogEntry;
import cn.govdata.catalog.entry.EntryContent;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds DCAT-AP 3 JSON-LD for published entries (dcat:Dataset) and the catalog (dcat:Catalog). */
@Component
class DcatDocuments {

    static final Map<String, Object> CONTEXT = Map.of(
            "dcat", "http://www.w3.org/ns/dcat#",
            "dct", "http://purl.org/dc/terms/",
            "foaf", "http://xmlns.com/foaf/0.1/",
            "adms", "http://www.w3.org/ns/adms#",
            "xsd", "http://www.w3.org/2001/XMLSchema#",
            "hydra", "http://www.w3.org/ns/hydra/core#",
            "skos", "http://www.w3.org/2004/02/skos/core#");

    private final Departments departments;

    DcatDocuments(Departments departments) {
        this.departments = departments;
    }

    Map<String, Object> dataset(CatalogEntry entry, String base, boolean withContext) {
        EntryContent c = entry.published();
        String id = base + "/api/catalog/entries/" + entry.id();
        Map<String, Object> dataset = new LinkedHashMap<>();
        if (withContext) {
            dataset.put("@context", CONTEXT);
        }
        dataset.put("@id", id);
        dataset.put("@type", "dcat:Dataset");
        dataset.put("dct:identifier", entry.id());
        dataset.put("dct:title", zh(c.name()));
        dataset.put("dct:description", zh(c.summary()));
        dataset.put("dct:publisher", agent(base, c.providerDepartment()));
        dataset.put("dct:accessRights", Map.of("@id", DcatVocabulary.accessRights(c)));
        dataset.put("dct:accrualPeriodicity", Map.of("@id", DcatVocabulary.frequency(c.updateFrequency())));
        dataset.put("dct:spatial", Map.of("@id", base + "/api/catalog/regions/" + c.region()));
        dataset.put("dct:issued", dateTime(firstPublished(entry)));
        dataset.put("dct:modified", dateTime(entry.publishedAt().toString()));
        dataset.put("adms:version", String.valueOf(entry.publishedVersion()));
        List<Object> keywords = new ArrayList<>();
        if (c.topic() != null) {
            keywords.add(zh(c.topic()));
        }
        if (c.industry() != null) {
            keywords.add(zh(c.industry()));
        }
        c.dataItems().forEach(i -> keywords.add(zh(i.name())));
        dataset.put("dcat:keyword", keywords);
        if (!c.priorityDomains().isEmpty()) {
            // Priority open domains (SY 36, QY 31) as themes from the platform's controlled list,
            // whose scheme is the priority-open-domains rule that /policy lists.
            dataset.put("dcat:theme", c.priorityDomains().stream().map(key -> theme(base, key)).toList());
        }
        if (c.dictionary() != null && c.dictionary().standard() != null) {
            dataset.put("dct:conformsTo", Map.of("@type", "dct:Standard", "dct:title", zh(c.dictionary().standard())));
        }
        List<Object> distributions = new ArrayList<>();
        for (var format : c.formats()) {
            Map<String, Object> distribution = new LinkedHashMap<>();
            distribution.put("@id", id + "#distribution-" + format.name().toLowerCase());
            distribution.put("@type", "dcat:Distribution");
            distribution.put("dcat:accessURL", Map.of("@id", base + "/api/exchange/" + entry.id()));
            distribution.put("dct:format", format.name());
            DcatVocabulary.mediaType(format).ifPresent(m -> distribution.put("dcat:mediaType", Map.of("@id", m)));
            distribution.put("dct:accessRights", Map.of("@id", DcatVocabulary.accessRights(c)));
            distributions.add(distribution);
        }
        dataset.put("dcat:distribution", distributions);
        return dataset;
    }

    private static Map<String, Object> theme(String base, String key) {
        PriorityDomain domain = PriorityDomain.fromKey(key);
        Map<String, Object> theme = new LinkedHashMap<>();
        theme.put("@id", base + "/api/catalog/policy#priority-domain-" + domain.key());
        theme.put("@type", "skos:Concept");
        theme.put("skos:notation", domain.key());
        theme.put("skos:prefLabel", zh(domain.labelZh()));
        theme.put("skos:inScheme", Map.of("@id", base + "/api/catalog/policy#priority-open-domains"));
        return theme;
    }

    Map<String, Object> catalog(List<CatalogEntry> entries, String base, int page, int size, long total) {
        Map<String, Object> catalog = new LinkedHashMap<>();
        catalog.put("@context", CONTEXT);
        catalog.put("@id", base + "/api/catalog/dcat");
        catalog.put("@type", "dcat:Catalog");
        catalog.put("dct:title", zh("政务数据资源目录"));
        catalog.put("dct:description", zh("已发布的政务数据资源目录（DCAT-AP 3）"));
        catalog.put("dct:publisher", Map.of("@type", "foaf:Agent", "foaf:name", zh("数据主管部门")));
        catalog.put("dcat:dataset", entries.stream().map(e -> dataset(e, base, false)).toList());
        long last = Math.max(0, (total - 1) / size);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("@id", base + "/api/catalog/dcat?page=" + page + "&size=" + size);
        view.put("@type", "hydra:PartialCollectionView");
        view.put("hydra:first", Map.of("@id", base + "/api/catalog/dcat?page=0&size=" + size));
        view.put("hydra:last", Map.of("@id", base + "/api/catalog/dcat?page=" + last + "&size=" + size));
        if (page < last) {
            view.put("hydra:next", Map.of("@id", base + "/api/catalog/dcat?page=" + (page + 1) + "&size=" + size));
        }
        if (page > 0) {
            view.put("hydra:previous", Map.of("@id", base + "/api/catalog/dcat?page=" + (page - 1) + "&size=" + size));
        }
        catalog.put("hydra:totalItems", total);
        catalog.put("hydra:view", view);
        return catalog;
    }

    private Map<String, Object> agent(String base, String department) {
        Map<String, Object> agent = new LinkedHashMap<>();
        agent.put("@id", base + "/api/catalog/departments/" + department);
        agent.put("@type", "foaf:Agent");
        agent.put("foaf:name", zh(departments.nameOf(department).orElse(department)));
        return agent;
    }

    private static String firstPublished(CatalogEntry entry) {
        return entry.versions().get(0).approvedAt().toString();
    }

    private static Map<String, Object> zh(String text) {
        return Map.of("@value", text, "@language", "zh");
    }

    private static Map<String, Object> dateTime(String instant) {
        return Map.of("@value", instant, "@type", "xsd:dateTime");
    }
}
