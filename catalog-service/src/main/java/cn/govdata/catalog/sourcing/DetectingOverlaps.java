package cn.govdata.catalog.sourcing;

import cn.govdata.catalog.sourcing.HeldItems.HeldEntry;
import cn.govdata.catalog.sourcing.HeldItems.Holding;
import cn.govdata.catalog.sourcing.SourcingViews.Collecting;
import cn.govdata.catalog.sourcing.SourcingViews.DesignationSummary;
import cn.govdata.catalog.sourcing.SourcingViews.Link;
import cn.govdata.catalog.sourcing.SourcingViews.MyReferences;
import cn.govdata.catalog.sourcing.SourcingViews.Occurrence;
import cn.govdata.catalog.sourcing.SourcingViews.OverlapGroup;
import cn.govdata.catalog.sourcing.SourcingViews.Reference;
import cn.govdata.catalog.sourcing.SourcingViews.SimilarEntry;
import cn.govdata.catalog.sourcing.SourcingViews.SimilarResources;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Finds where departments catalogue the same datum (overlapping data items) or the same subject
 * (near-identically named entries), for the bureau to designate one source, and tells a department
 * which of its items it should take from a designated source instead of collecting them itself.
 */
@Service
class DetectingOverlaps {

    private final HeldItems held;
    private final SourceDesignations designations;

    DetectingOverlaps(HeldItems held, SourceDesignations designations) {
        this.held = held;
        this.designations = designations;
    }

    /**
     * Every overlap for the bureau; for a department, only the data it holds, read through the item
     * keys: a group containing the department has one of its keys, and holds every holding of that key.
     */
    Page<OverlapGroup> overlaps(String department, Pageable pageable) {
        List<Holding> holdings = department == null ? held.all() : held.of(held.keysHeldBy(department));
        List<Overlaps.Group> found = Overlaps.find(holdings).stream()
                .filter(g -> department == null || g.departments().contains(department))
                .toList();
        Map<String, SourceDesignation> designated = designations.byItemKeys(found.stream().map(Overlaps.Group::key)
                        .collect(Collectors.toSet())).stream()
                .collect(Collectors.toMap(SourceDesignation::itemKey, Function.identity()));
        List<OverlapGroup> groups = found.stream()
                .map(g -> new OverlapGroup(g.itemName(), g.aliases(), g.types(), g.departments(),
                        g.holdings().stream().map(Occurrence::of).toList(), DesignationSummary.of(designated.get(g.key()))))
                .toList();
        return page(groups, pageable);
    }

    Page<SimilarResources> similarResources(String department, double threshold, Pageable pageable) {
        List<HeldEntry> entries = held.entries().stream()
                .sorted(Comparator.comparing(HeldEntry::department).thenComparing(HeldEntry::entryId)).toList();
        List<Set<String>> grams = entries.stream().map(e -> ResourceSimilarity.bigrams(ResourceSimilarity.subject(e.entryName())))
                .toList();
        // Only entries sharing at least one bigram can score above zero.
        Map<String, List<Integer>> byGram = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            for (String gram : grams.get(i)) {
                byGram.computeIfAbsent(gram, g -> new ArrayList<>()).add(i);
            }
        }
        int[] parent = new int[entries.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        List<int[]> linked = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Set<Integer> candidates = new HashSet<>();
            for (String gram : grams.get(i)) {
                for (int j : byGram.get(gram)) {
                    if (j > i && !entries.get(j).department().equals(entries.get(i).department())) {
                        candidates.add(j);
                    }
                }
            }
            for (int j : candidates.stream().sorted().toList()) {
                double score = ResourceSimilarity.dice(grams.get(i), grams.get(j));
                if (score >= threshold) {
                    linked.add(new int[] {i, j});
                    scores.add(score);
                    parent[root(parent, i)] = root(parent, j);
                }
            }
        }
        Map<Integer, List<Integer>> clusters = new HashMap<>();
        Map<Integer, List<Link>> links = new HashMap<>();
        for (int k = 0; k < linked.size(); k++) {
            int i = linked.get(k)[0];
            int j = linked.get(k)[1];
            int root = root(parent, i);
            links.computeIfAbsent(root, r -> new ArrayList<>()).add(new Link(entries.get(i).entryId(), entries.get(j).entryId(),
                    Math.round(scores.get(k) * 1000) / 1000.0));
            List<Integer> members = clusters.computeIfAbsent(root, r -> new ArrayList<>());
            if (!members.contains(i)) {
                members.add(i);
            }
            if (!members.contains(j)) {
                members.add(j);
            }
        }
        List<SimilarResources> groups = clusters.entrySet().stream()
                .map(c -> new SimilarResources(subjectOf(c.getValue(), entries),
                        c.getValue().stream().sorted().map(entries::get)
                                .map(e -> new SimilarEntry(e.department(), e.entryId(), e.entryName(), e.status())).toList(),
                        links.get(c.getKey())))
                .filter(g -> department == null || g.entries().stream().anyMatch(e -> e.department().equals(department)))
                .sorted(Comparator.comparingInt((SimilarResources g) -> -g.entries().size()).thenComparing(SimilarResources::subject))
                .toList();
        return page(groups, pageable);
    }

    /** The designations the department collects or holds an item of, each with every holding of its item. */
    MyReferences myReferences(String department) {
        Map<String, SourceDesignation> relevant = new java.util.TreeMap<>();
        designations.collectedBy(department).forEach(d -> relevant.put(d.itemKey(), d));
        designations.byItemKeys(held.keysHeldBy(department)).forEach(d -> relevant.put(d.itemKey(), d));
        List<Holding> holdings = held.of(relevant.keySet());
        Map<String, List<Holding>> byKey = holdings.stream().collect(Collectors.groupingBy(h -> h.datum().key()));
        List<Reference> references = new ArrayList<>();
        List<Collecting> collecting = new ArrayList<>();
        for (SourceDesignation d : relevant.values()) {
            List<Holding> ofItem = byKey.getOrDefault(d.itemKey(), List.of());
            if (d.collectingDepartment().equals(department)) {
                collecting.add(new Collecting(d.id(), d.itemName(), d.sourceEntryId(), Overlaps.of(d.itemKey(), ofItem).departments()
                        .stream().filter(dept -> !dept.equals(department)).toList()));
                continue;
            }
            List<Occurrence> mine = ofItem.stream().filter(h -> h.department().equals(department)).map(Occurrence::of).toList();
            if (!mine.isEmpty()) {
                List<String> sourceEntries = d.sourceEntryId() != null ? List.of(d.sourceEntryId())
                        : ofItem.stream().filter(h -> h.department().equals(d.collectingDepartment())).map(Holding::entryId)
                        .distinct().sorted().toList();
                references.add(new Reference(d.id(), d.itemName(), d.collectingDepartment(), d.sourceEntryId(), sourceEntries,
                        d.reasons(), d.designatedAt(), mine));
            }
        }
        return new MyReferences(department, references, collecting);
    }

    private static String subjectOf(List<Integer> members, List<HeldEntry> entries) {
        // The subject most of the cluster's entries share, else the first entry's.
        Map<String, Long> counts = members.stream().sorted()
                .map(i -> ResourceSimilarity.subject(entries.get(i).entryName()))
                .collect(Collectors.groupingBy(Function.identity(), java.util.LinkedHashMap::new, Collectors.counting()));
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static <T> Page<T> page(List<T> all, Pageable pageable) {
        int from = (int) Math.min(pageable.getOffset(), all.size());
        int to = Math.min(from + pageable.getPageSize(), all.size());
        return new PageImpl<>(all.subList(from, to), pageable, all.size());
    }
}
