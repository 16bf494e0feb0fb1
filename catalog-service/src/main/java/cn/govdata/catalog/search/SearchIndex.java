package cn.govdata.catalog.search;

import cn.govdata.catalog.entry.CatalogEntry;
import cn.govdata.catalog.entry.EntryAccess;
import cn.govdata.catalog.entry.EntryContent;
import cn.govdata.catalog.entry.EntryContent.DataFormat;
import cn.govdata.catalog.entry.EntryContent.OpenType;
import cn.govdata.catalog.entry.EntryContent.ShareMethod;
import cn.govdata.catalog.entry.EntryContent.ShareType;
import cn.govdata.catalog.entry.EntryContent.UpdateFrequency;
import cn.govdata.catalog.entry.EntryStatus;
import cn.govdata.platform.security.Caller;

import java.text.CollationKey;
import java.text.Collator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * An in-memory inverted index of the catalog, kept by each replica for itself (MongoDB's
 * {@code $text} does not exist on the embedded wire store and does not cut Chinese into words
 * anyway).
 *
 * <p>Each entry is indexed as one or two <em>views</em>: the published version, which outsiders
 * search, and the working copy, which the owning department and the supervisors search. When the
 * two are the same (no change in progress, or never published) one view serves both. A view keeps
 * only what matching, filtering and a result line need: name, summary, the normalized data-item
 * names and the filterable attributes — never the whole entry.
 *
 * <p>Views are numbered in insertion order, so posting lists stay sorted by appending. Replacing an
 * entry drops its old views (their numbers become dead and are skipped) and appends new ones; when
 * dead numbers outnumber live ones everything is renumbered in place. The attributes a query
 * touches for every candidate (access, filter values, sort keys) sit in flat arrays indexed by view
 * number, so a scan of the whole catalog does not chase an object per entry. Queries hold the read
 * lock, the single writer (the index feeder) the write lock for one entry at a time.
 */
final class SearchIndex {

    static final int PUBLIC = 1;
    static final int INSIDER = 2;

    private static final int SCORE_NAME = 10_000;
    private static final int SCORE_ITEMS = 100;
    private static final int SCORE_SUMMARY = 1;
    private static final int IN_NAME = 1;
    private static final int IN_SUMMARY = 2;
    private static final int IN_ITEMS = 4;
    private static final int NONE = -1;
    private static final long NO_TIME = Long.MIN_VALUE;
    private static final int COMPACT_AFTER = 1024;
    private static final int DIMENSIONS = Dimension.ALL.size();
    private static final int DEPARTMENT = Dimension.DEPARTMENT.ordinal();
    private static final int REGION = Dimension.REGION.ordinal();
    private static final int STATUS = Dimension.STATUS.ordinal();
    private static final boolean[] MULTI_VALUED = new boolean[DIMENSIONS];
    private static final int PUBLISHED = EntryStatus.PUBLISHED.ordinal();
    private static final int WITHDRAWAL_REQUESTED = EntryStatus.WITHDRAWAL_REQUESTED.ordinal();

    static {
        Dimension.ALL.forEach(d -> MULTI_VALUED[d.ordinal()] = d.multiValued());
    }

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    // Pinyin order for names; Collator is not thread-safe and is used under the write lock only.
    private final Collator collator = Collator.getInstance(Locale.CHINA);
    private final Map<String, IntList> postings = new HashMap<>();
    private final Map<String, Slot> slots = new HashMap<>();
    private final Values[] values = new Values[DIMENSIONS];

    // Per view number; a null view is a dead number. `texts` holds the normalized name, data-item
    // names and summary, each followed by a line break (never part of a query term, so no term
    // matches across two of them); `nameEnd` and `itemsEnd` say where the parts end.
    private View[] views = new View[1024];
    private String[] texts = new String[1024];
    private int[] nameEnd = new int[1024];
    private int[] itemsEnd = new int[1024];
    private byte[] access = new byte[1024];
    private int[] dims = new int[1024 * DIMENSIONS];
    private long[] namePrefix = new long[1024];
    private int[] nameLength = new int[1024];
    private long[] publishedAt = new long[1024];
    private long[] updatedAt = new long[1024];
    private int nextOrdinal;
    private int dead;
    private volatile int entryCount;

    SearchIndex() {
        for (Dimension d : Dimension.ALL) {
            values[d.ordinal()] = new Values();
        }
    }

    /** Where an entry's views are and which stored version they came from. */
    private record Slot(Long version, int[] ordinals) {
    }

    /** What a result line shows of one version of an entry. */
    private record View(String id, EntryStatus status, int publishedVersion, Instant publishedAt, String name,
                        String summary, CollationKey sortKey) {
    }

    /** Interned values of a free-text dimension, so filters and counts work on small integers. */
    private static final class Values {
        final Map<String, Integer> ids = new HashMap<>();
        final List<String> names = new ArrayList<>();

        int id(String value) {
            if (value == null) {
                return NONE;
            }
            Integer id = ids.get(value);
            if (id == null) {
                id = names.size();
                ids.put(value, id);
                names.add(value);
            }
            return id;
        }

        int find(String value) {
            return ids.getOrDefault(value, NONE);
        }
    }

    /** A growable, ascending list of view numbers. */
    private static final class IntList {
        int[] items = new int[4];
        int size;

        void add(int value) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size + (size >> 1) + 1);
            }
            items[size++] = value;
        }

        void trim() {
            if (items.length != size) {
                items = Arrays.copyOf(items, size);
            }
        }
    }

    int size() {
        return entryCount;
    }

    /**
     * Indexes an entry, replacing what was there, unless the index already holds this or a newer
     * version (change events and polling may deliver a document more than once, or late).
     *
     * @param version the stored document's optimistic-lock version; null always applies
     * @return whether the index changed
     */
    boolean put(CatalogEntry entry, Instant updated, Long version) {
        lock.writeLock().lock();
        try {
            Slot old = slots.get(entry.id());
            if (old != null && version != null && old.version() != null && version <= old.version()) {
                return false;
            }
            if (old != null) {
                drop(old);
            }
            EntryContent published = entry.published();
            EntryContent working = entry.working() == null ? null : entry.working().content();
            int[] ordinals;
            if (published != null && working != null) {
                ordinals = new int[] {add(entry, published, PUBLIC, updated), add(entry, working, INSIDER, updated)};
            } else if (published != null) {
                ordinals = new int[] {add(entry, published, PUBLIC | INSIDER, updated)};
            } else if (working != null) {
                ordinals = new int[] {add(entry, working, INSIDER, updated)};
            } else {
                ordinals = new int[0];
            }
            slots.put(entry.id(), new Slot(version, ordinals));
            entryCount = slots.size();
            compactIfWorthIt();
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    boolean remove(String id) {
        lock.writeLock().lock();
        try {
            Slot old = slots.remove(id);
            if (old == null) {
                return false;
            }
            drop(old);
            entryCount = slots.size();
            compactIfWorthIt();
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The stored version of every indexed entry, for reconciling the index with the collection. */
    Map<String, Long> versions() {
        lock.readLock().lock();
        try {
            Map<String, Long> versions = new HashMap<>(slots.size() * 2);
            slots.forEach((id, slot) -> versions.put(id, slot.version()));
            return versions;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Releases the spare capacity of posting lists after a bulk load. */
    void trim() {
        lock.writeLock().lock();
        try {
            postings.values().forEach(IntList::trim);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void drop(Slot slot) {
        for (int ordinal : slot.ordinals()) {
            views[ordinal] = null;
            texts[ordinal] = null;
            dead++;
        }
    }

    private int add(CatalogEntry entry, EntryContent content, int viewAccess, Instant updated) {
        String name = content.name() == null ? "" : content.name();
        String summary = content.summary() == null ? "" : content.summary();
        StringBuilder text = new StringBuilder(SearchText.normalize(name)).append('\n');
        int endOfName = text.length();
        for (EntryContent.DataItem item : content.dataItems()) {
            if (item.name() != null) {
                text.append(SearchText.normalize(item.name())).append('\n');
            }
        }
        int endOfItems = text.length();
        text.append(SearchText.normalize(summary)).append('\n');
        CollationKey sortKey = collator.getCollationKey(name);

        int ordinal = nextOrdinal++;
        ensureCapacity(ordinal + 1);
        views[ordinal] = new View(entry.id(), entry.status(), entry.publishedVersion(), entry.publishedAt(), name, summary, sortKey);
        texts[ordinal] = text.toString();
        nameEnd[ordinal] = endOfName;
        itemsEnd[ordinal] = endOfItems;
        access[ordinal] = (byte) viewAccess;
        namePrefix[ordinal] = prefix(sortKey.toByteArray());
        nameLength[ordinal] = name.length();
        publishedAt[ordinal] = entry.publishedAt() == null ? NO_TIME : entry.publishedAt().toEpochMilli();
        updatedAt[ordinal] = updated == null ? NO_TIME : updated.toEpochMilli();
        int at = ordinal * DIMENSIONS;
        dims[at + DEPARTMENT] = values[DEPARTMENT].id(content.providerDepartment());
        dims[at + Dimension.TOPIC.ordinal()] = values[Dimension.TOPIC.ordinal()].id(content.topic());
        dims[at + Dimension.INDUSTRY.ordinal()] = values[Dimension.INDUSTRY.ordinal()].id(content.industry());
        dims[at + REGION] = values[REGION].id(content.region());
        dims[at + Dimension.SHARE_TYPE.ordinal()] = ordinal(content.shareType());
        dims[at + Dimension.OPEN_TYPE.ordinal()] = ordinal(content.openType());
        dims[at + Dimension.SHARE_METHOD.ordinal()] = bits(content.shareMethods());
        dims[at + Dimension.FORMAT.ordinal()] = bits(content.formats());
        dims[at + Dimension.UPDATE_FREQUENCY.ordinal()] = ordinal(content.updateFrequency());
        dims[at + Dimension.PRIORITY_DOMAIN.ordinal()] = bits(content.priorityDomains().stream()
                .map(cn.govdata.policy.PriorityDomain::fromKey).toList());
        dims[at + STATUS] = entry.status().ordinal();

        Set<String> keys = new HashSet<>();
        SearchText.indexKeys(texts[ordinal], keys::add);
        for (String key : keys) {
            postings.computeIfAbsent(key, k -> new IntList()).add(ordinal);
        }
        return ordinal;
    }

    private void ensureCapacity(int size) {
        if (size <= views.length) {
            return;
        }
        int capacity = Math.max(size, views.length * 2);
        views = Arrays.copyOf(views, capacity);
        texts = Arrays.copyOf(texts, capacity);
        nameEnd = Arrays.copyOf(nameEnd, capacity);
        itemsEnd = Arrays.copyOf(itemsEnd, capacity);
        access = Arrays.copyOf(access, capacity);
        dims = Arrays.copyOf(dims, capacity * DIMENSIONS);
        namePrefix = Arrays.copyOf(namePrefix, capacity);
        nameLength = Arrays.copyOf(nameLength, capacity);
        publishedAt = Arrays.copyOf(publishedAt, capacity);
        updatedAt = Arrays.copyOf(updatedAt, capacity);
    }

    /** The first eight bytes of a collation key: comparing them unsigned orders like the key, mostly without it. */
    private static long prefix(byte[] key) {
        long prefix = 0;
        for (int i = 0; i < 8; i++) {
            prefix = (prefix << 8) | (i < key.length ? key[i] & 0xFF : 0);
        }
        return prefix;
    }

    private static int ordinal(Enum<?> value) {
        return value == null ? NONE : value.ordinal();
    }

    private static int bits(List<? extends Enum<?>> list) {
        int bits = 0;
        for (Enum<?> value : list) {
            bits |= 1 << value.ordinal();
        }
        return bits;
    }

    private void compactIfWorthIt() {
        int live = nextOrdinal - dead;
        if (dead < COMPACT_AFTER || dead < live) {
            return;
        }
        int[] renumbered = new int[nextOrdinal];
        int next = 0;
        for (int from = 0; from < nextOrdinal; from++) {
            if (views[from] == null) {
                renumbered[from] = NONE;
                continue;
            }
            // Moving down only, in increasing order: nothing is overwritten before it is read.
            int to = next++;
            renumbered[from] = to;
            views[to] = views[from];
            texts[to] = texts[from];
            nameEnd[to] = nameEnd[from];
            itemsEnd[to] = itemsEnd[from];
            access[to] = access[from];
            System.arraycopy(dims, from * DIMENSIONS, dims, to * DIMENSIONS, DIMENSIONS);
            namePrefix[to] = namePrefix[from];
            nameLength[to] = nameLength[from];
            publishedAt[to] = publishedAt[from];
            updatedAt[to] = updatedAt[from];
        }
        Arrays.fill(views, next, nextOrdinal, null);
        Arrays.fill(texts, next, nextOrdinal, null);
        var lists = postings.values().iterator();
        while (lists.hasNext()) {
            IntList list = lists.next();
            int size = 0;
            for (int i = 0; i < list.size; i++) {
                int to = renumbered[list.items[i]];
                if (to != NONE) {
                    list.items[size++] = to;
                }
            }
            list.size = size;
            if (size == 0) {
                lists.remove();
            } else {
                list.trim();
            }
        }
        slots.replaceAll((id, slot) -> new Slot(slot.version(), Arrays.stream(slot.ordinals()).map(o -> renumbered[o]).toArray()));
        nextOrdinal = next;
        dead = 0;
    }

    // ---------------------------------------------------------------- searching

    SearchResponse search(SearchRequest request, Caller caller) {
        lock.readLock().lock();
        try {
            return new Search(request, caller).run();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** One query's working state; lives under the read lock. */
    private final class Search {
        final SearchRequest request;
        final Caller caller;
        final boolean seesAll;
        final byte[] owns;
        final byte[] regionVisible;
        final boolean[][] acceptedValues = new boolean[DIMENSIONS][];
        final int[] acceptedBits = new int[DIMENSIONS];
        final int[] active;
        final int[][] counts = new int[DIMENSIONS][];

        Search(SearchRequest request, Caller caller) {
            this.request = request;
            this.caller = caller;
            this.seesAll = caller.seesEveryDepartment();
            this.owns = new byte[values[DEPARTMENT].names.size()];
            this.regionVisible = new byte[values[REGION].names.size()];
            List<Integer> activeDims = new ArrayList<>();
            for (Dimension d : Dimension.ALL) {
                Set<String> wanted = request.filter(d);
                if (d == Dimension.STATUS && wanted.isEmpty()) {
                    // Withdrawn entries stay out of every list unless asked for by name.
                    wanted = new HashSet<>(d.constantNames());
                    wanted.remove(EntryStatus.WITHDRAWN.name());
                }
                if (!wanted.isEmpty()) {
                    activeDims.add(d.ordinal());
                    accept(d, wanted);
                }
                counts[d.ordinal()] = new int[d.enumerated() ? d.constantNames().size() : values[d.ordinal()].names.size()];
            }
            this.active = activeDims.stream().mapToInt(Integer::intValue).toArray();
        }

        private void accept(Dimension d, Set<String> wanted) {
            List<String> constants = d.constantNames();
            if (d.multiValued()) {
                for (String value : wanted) {
                    acceptedBits[d.ordinal()] |= 1 << constants.indexOf(value);
                }
                return;
            }
            boolean[] accepted = new boolean[d.enumerated() ? constants.size() : values[d.ordinal()].names.size()];
            for (String value : wanted) {
                int id = d.enumerated() ? constants.indexOf(value) : values[d.ordinal()].find(value);
                if (id >= 0) {
                    accepted[id] = true;
                }
            }
            acceptedValues[d.ordinal()] = accepted;
        }

        SearchResponse run() {
            List<String> terms = request.terms();
            int[] candidates = candidates(terms);
            long wanted = Math.min((long) (request.page() + 1) * request.size(), Integer.MAX_VALUE);
            TopHits best = new TopHits(new HitOrder(request.order()), (int) wanted);
            int total = 0;
            int limit = candidates == null ? nextOrdinal : candidates.length;
            for (int i = 0; i < limit; i++) {
                int ordinal = candidates == null ? i : candidates[i];
                int at = ordinal * DIMENSIONS;
                if (!visible(ordinal, at)) {
                    continue;
                }
                int failedDim = NONE;
                int failures = 0;
                for (int d : active) {
                    if (!matches(d, dims[at + d]) && ++failures == 1) {
                        failedDim = d;
                    }
                }
                if (failures > 1) {
                    continue;
                }
                if (failures == 1) {
                    // Fails only this dimension's filter: counts toward its alternatives if the text matches.
                    if (containsAll(texts[ordinal], terms)) {
                        count(failedDim, dims[at + failedDim]);
                    }
                    continue;
                }
                int score = 0;
                int matched = 0;
                for (String term : terms) {
                    int fields = fields(ordinal, term);
                    if (fields == 0) {
                        score = NONE;
                        break;
                    }
                    score += (fields & IN_NAME) != 0 ? SCORE_NAME : (fields & IN_ITEMS) != 0 ? SCORE_ITEMS : SCORE_SUMMARY;
                    matched |= fields;
                }
                if (score == NONE) {
                    continue;
                }
                for (int d = 0; d < DIMENSIONS; d++) {
                    count(d, dims[at + d]);
                }
                total++;
                best.offer(ordinal, score, matched);
            }
            int[] ranked = best.ranked();
            int from = (int) Math.min((long) request.page() * request.size(), ranked.length);
            List<SearchResponse.Item> items = new ArrayList<>(ranked.length - from);
            for (int i = from; i < ranked.length; i++) {
                items.add(item(best, ranked[i]));
            }
            int pages = (int) ((total + (long) request.size() - 1) / request.size());
            return new SearchResponse(items, request.page(), request.size(), total, pages, facets());
        }

        private static boolean containsAll(String text, List<String> terms) {
            for (String term : terms) {
                if (!text.contains(term)) {
                    return false;
                }
            }
            return true;
        }

        /** Where the term occurs in a view: a combination of IN_NAME, IN_ITEMS, IN_SUMMARY; 0 if nowhere. */
        private int fields(int ordinal, String term) {
            String text = texts[ordinal];
            int fields = 0;
            for (int at = text.indexOf(term); at >= 0 && fields != (IN_NAME | IN_ITEMS | IN_SUMMARY); at = text.indexOf(term, at + 1)) {
                fields |= at < nameEnd[ordinal] ? IN_NAME : at < itemsEnd[ordinal] ? IN_ITEMS : IN_SUMMARY;
            }
            return fields;
        }

        /** View numbers that carry every key of every term, ascending; null means "all views". */
        private int[] candidates(List<String> terms) {
            List<IntList> lists = new ArrayList<>();
            for (String term : terms) {
                for (String key : SearchText.queryKeys(term)) {
                    IntList list = postings.get(key);
                    if (list == null) {
                        return new int[0];
                    }
                    lists.add(list);
                }
            }
            if (lists.isEmpty()) {
                return null;
            }
            lists.sort(Comparator.comparingInt(l -> l.size));
            int[] result = Arrays.copyOf(lists.get(0).items, lists.get(0).size);
            for (int i = 1; i < lists.size() && result.length > 0; i++) {
                result = intersect(result, lists.get(i));
            }
            return result;
        }

        private boolean visible(int ordinal, int at) {
            if (views[ordinal] == null) {
                return false;
            }
            if (seesAll || owns(dims[at + DEPARTMENT])) {
                return (access[ordinal] & INSIDER) != 0;
            }
            int status = dims[at + STATUS];
            return (access[ordinal] & PUBLIC) != 0 && (status == PUBLISHED || status == WITHDRAWAL_REQUESTED)
                    && regionVisible(dims[at + REGION]);
        }

        private boolean owns(int department) {
            if (department < 0) {
                return false;
            }
            if (owns[department] == 0) {
                String code = values[DEPARTMENT].names.get(department);
                owns[department] = (byte) (EntryAccess.ownsDepartment(caller, code) ? 1 : 2);
            }
            return owns[department] == 1;
        }

        private boolean regionVisible(int region) {
            if (region < 0) {
                return EntryAccess.regionVisible(caller, null);
            }
            if (regionVisible[region] == 0) {
                String code = values[REGION].names.get(region);
                regionVisible[region] = (byte) (EntryAccess.regionVisible(caller, code) ? 1 : 2);
            }
            return regionVisible[region] == 1;
        }

        private boolean matches(int dimension, int value) {
            if (MULTI_VALUED[dimension]) {
                return (value & acceptedBits[dimension]) != 0;
            }
            boolean[] accepted = acceptedValues[dimension];
            return value >= 0 && value < accepted.length && accepted[value];
        }

        private void count(int dimension, int value) {
            int[] c = counts[dimension];
            if (MULTI_VALUED[dimension]) {
                for (int bits = value; bits != 0; bits &= bits - 1) {
                    c[Integer.numberOfTrailingZeros(bits)]++;
                }
            } else if (value >= 0 && value < c.length) {
                c[value]++;
            }
        }

        private Map<String, Map<String, Integer>> facets() {
            Map<String, Map<String, Integer>> facets = new LinkedHashMap<>();
            for (Dimension d : Dimension.ALL) {
                List<String> names = d.enumerated() ? d.constantNames() : values[d.ordinal()].names;
                int[] c = counts[d.ordinal()];
                List<Integer> ids = new ArrayList<>();
                for (int id = 0; id < c.length; id++) {
                    if (c[id] > 0) {
                        ids.add(id);
                    }
                }
                ids.sort(Comparator.<Integer>comparingInt(id -> -c[id]).thenComparing(names::get));
                Map<String, Integer> facet = new LinkedHashMap<>();
                ids.forEach(id -> facet.put(names.get(id), c[id]));
                facets.put(d.parameter, facet);
            }
            return facets;
        }

        private SearchResponse.Item item(TopHits hits, int slot) {
            int ordinal = hits.ordinals[slot];
            int matched = hits.matched[slot];
            View v = views[ordinal];
            int at = ordinal * DIMENSIONS;
            List<String> matchedIn = new ArrayList<>(3);
            if ((matched & IN_NAME) != 0) {
                matchedIn.add("name");
            }
            if ((matched & IN_SUMMARY) != 0) {
                matchedIn.add("summary");
            }
            if ((matched & IN_ITEMS) != 0) {
                matchedIn.add("dataItems");
            }
            return new SearchResponse.Item(v.id(), v.name(), v.summary(), name(Dimension.DEPARTMENT, at),
                    v.status(), v.publishedVersion(), v.publishedAt(),
                    constant(ShareType.values(), dims[at + Dimension.SHARE_TYPE.ordinal()]),
                    constant(OpenType.values(), dims[at + Dimension.OPEN_TYPE.ordinal()]),
                    constants(ShareMethod.values(), dims[at + Dimension.SHARE_METHOD.ordinal()]),
                    constants(DataFormat.values(), dims[at + Dimension.FORMAT.ordinal()]),
                    constant(UpdateFrequency.values(), dims[at + Dimension.UPDATE_FREQUENCY.ordinal()]),
                    name(Dimension.TOPIC, at), name(Dimension.INDUSTRY, at), name(Dimension.REGION, at),
                    List.copyOf(matchedIn));
        }

        private String name(Dimension d, int at) {
            int id = dims[at + d.ordinal()];
            return id < 0 ? null : values[d.ordinal()].names.get(id);
        }
    }

    private static <E> E constant(E[] constants, int ordinal) {
        return ordinal < 0 ? null : constants[ordinal];
    }

    private static <E> List<E> constants(E[] constants, int bits) {
        List<E> list = new ArrayList<>();
        for (int b = bits; b != 0; b &= b - 1) {
            list.add(constants[Integer.numberOfTrailingZeros(b)]);
        }
        return List.copyOf(list);
    }

    /** The result order over (view number, score) pairs; negative means "comes first". */
    private final class HitOrder {
        final SearchRequest.Order order;

        HitOrder(SearchRequest.Order order) {
            this.order = order;
        }

        int compare(int a, int scoreA, int b, int scoreB) {
            int c = switch (order) {
                case RELEVANCE -> scoreA != scoreB ? Integer.compare(scoreB, scoreA)
                        : Integer.compare(nameLength[a], nameLength[b]);
                case NAME -> 0;
                case PUBLISHED_AT -> time(publishedAt[a], publishedAt[b], false);
                case PUBLISHED_AT_DESC -> time(publishedAt[a], publishedAt[b], true);
                case UPDATED_AT -> time(updatedAt[a], updatedAt[b], false);
                case UPDATED_AT_DESC -> time(updatedAt[a], updatedAt[b], true);
            };
            if (c != 0) {
                return c;
            }
            c = Long.compareUnsigned(namePrefix[a], namePrefix[b]);
            if (c != 0) {
                return c;
            }
            c = views[a].sortKey().compareTo(views[b].sortKey());
            return c != 0 ? c : views[a].id().compareTo(views[b].id());
        }

        /** Entries without the date come last in either direction. */
        private static int time(long a, long b, boolean descending) {
            if (a == b) {
                return 0;
            }
            if (a == NO_TIME || b == NO_TIME) {
                return a == NO_TIME ? 1 : -1;
            }
            return descending ? Long.compare(b, a) : Long.compare(a, b);
        }
    }

    /**
     * The best {@code limit} hits seen so far in a binary heap with the worst on top, so a hit that
     * cannot make the page costs one comparison and no allocation.
     */
    private static final class TopHits {
        final HitOrder order;
        final int limit;
        int[] ordinals;
        int[] scores;
        int[] matched;
        int size;

        TopHits(HitOrder order, int limit) {
            this.order = order;
            this.limit = limit;
            int capacity = Math.min(limit, 256);
            ordinals = new int[capacity];
            scores = new int[capacity];
            matched = new int[capacity];
        }

        void offer(int ordinal, int score, int match) {
            if (size < limit) {
                if (size == ordinals.length) {
                    int capacity = (int) Math.min(limit, size * 2L);
                    ordinals = Arrays.copyOf(ordinals, capacity);
                    scores = Arrays.copyOf(scores, capacity);
                    matched = Arrays.copyOf(matched, capacity);
                }
                set(size, ordinal, score, match);
                up(size++);
            } else if (limit > 0 && order.compare(ordinal, score, ordinals[0], scores[0]) < 0) {
                set(0, ordinal, score, match);
                down(0);
            }
        }

        /** Slots of the heap from best to worst. */
        int[] ranked() {
            Integer[] slots = new Integer[size];
            for (int i = 0; i < size; i++) {
                slots[i] = i;
            }
            Arrays.sort(slots, (x, y) -> order.compare(ordinals[x], scores[x], ordinals[y], scores[y]));
            return Arrays.stream(slots).mapToInt(Integer::intValue).toArray();
        }

        private boolean worse(int i, int j) {
            return order.compare(ordinals[i], scores[i], ordinals[j], scores[j]) > 0;
        }

        private void up(int i) {
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (!worse(i, parent)) {
                    return;
                }
                swap(i, parent);
                i = parent;
            }
        }

        private void down(int i) {
            while (true) {
                int left = 2 * i + 1;
                if (left >= size) {
                    return;
                }
                int worst = left + 1 < size && worse(left + 1, left) ? left + 1 : left;
                if (!worse(worst, i)) {
                    return;
                }
                swap(i, worst);
                i = worst;
            }
        }

        private void set(int i, int ordinal, int score, int match) {
            ordinals[i] = ordinal;
            scores[i] = score;
            matched[i] = match;
        }

        private void swap(int i, int j) {
            int o = ordinals[i];
            int s = scores[i];
            int m = matched[i];
            set(i, ordinals[j], scores[j], matched[j]);
            set(j, o, s, m);
        }
    }

    /** Ascending intersection; gallops through the longer list when the lengths differ a lot. */
    private static int[] intersect(int[] small, IntList large) {
        int[] out = new int[small.length];
        int n = 0;
        if ((long) small.length * 8 < large.size) {
            int from = 0;
            for (int value : small) {
                int at = Arrays.binarySearch(large.items, from, large.size, value);
                if (at >= 0) {
                    out[n++] = value;
                    from = at + 1;
                } else {
                    from = -at - 1;
                }
                if (from >= large.size) {
                    break;
                }
            }
        } else {
            int i = 0;
            int j = 0;
            while (i < small.length && j < large.size) {
                int a = small[i];
                int b = large.items[j];
                if (a == b) {
                    out[n++] = a;
                    i++;
                    j++;
                } else if (a < b) {
                    i++;
                } else {
                    j++;
                }
            }
        }
        return Arrays.copyOf(out, n);
    }
}
