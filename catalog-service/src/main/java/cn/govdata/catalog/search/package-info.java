/**
 * Catalog search: {@code GET /api/catalog/entries} with keywords, filters and facets (NT 20:
 * search by topic, industry and region).
 *
 * <h2>What a search returns</h2>
 * {@code {items:[{id, name, summary, providerDepartment, status, publishedVersion, publishedAt,
 * shareType, openType, shareMethods, formats, updateFrequency, topic, industry, region,
 * matchedIn}], page, size, totalItems, totalPages, facets:{department:{PSB:12,…}, topic, industry,
 * region, shareType, openType, shareMethod, format, updateFrequency, status}}}.
 * <ul>
 *   <li>{@code q}: whitespace-separated terms, all required. A term matches as a substring of the
 *       entry's name, a data-item name or the summary, after full-width → half-width and lower case.
 *       Latin letters and digits match from the start of a word ({@code gb} finds "GB/T 2260",
 *       {@code pi} does not find "API").</li>
 *   <li>Filters: values of one parameter are alternatives (OR), different parameters all apply (AND).
 *       Enumerated parameters reject unknown values with a 400 problem naming the parameter.</li>
 *   <li>Order: {@code relevance} (default with {@code q}): a term in the name beats one in a data
 *       item beats one in the summary, summed over the terms; then the shorter name. {@code name}
 *       (default without {@code q}) is pinyin order; {@code publishedAt}/{@code updatedAt} ascend,
 *       with a leading {@code -} they descend; entries without the date come last.</li>
 *   <li><b>Facets are disjunctive</b>: each dimension is counted over the keyword result filtered by
 *       all the <em>other</em> dimensions' filters, not its own. With {@code shareType=CONDITIONAL}
 *       the {@code shareType} facet still shows how many UNCONDITIONAL entries there are, so a
 *       client can offer the alternatives as checkboxes; every other facet counts the result list
 *       exactly. Values with no entry are left out.</li>
 * </ul>
 *
 * <h2>Who finds what</h2>
 * The rules of {@link cn.govdata.catalog.entry.EntryAccess}: consumers, counties (own region and
 * the city level) and other departments find PUBLISHED and WITHDRAWAL_REQUESTED entries and match
 * against the published version; a department's data officers and approvers also find their own
 * entries in every state and match against the working copy when there is one; bureau, operators
 * and auditors find everything, matching the working copy. WITHDRAWN entries are left out unless
 * {@code status=WITHDRAWN} is asked for by someone who sees all or owns them; the {@code status}
 * facet shows them to those callers so they can ask.
 *
 * <h2>The index and how it stays fresh</h2>
 * MongoDB's {@code $text} is missing on the embedded wire store and does not segment Chinese
 * anyway, so {@link cn.govdata.catalog.search.SearchIndex} is an in-memory inverted index the
 * service keeps itself: character bigrams of CJK runs (plus single characters for one-character
 * queries) and lower-cased word prefixes for Latin letters and digits, over name, data-item names
 * and summary. A query intersects the posting lists of its keys and verifies every candidate by a
 * substring match, so 营业 and 执照 occurring apart never match 营业执照.
 * <p>{@link cn.govdata.catalog.search.SearchIndexFeeder} builds it at start-up by streaming the
 * {@code entries} collection (logging count and time) before the web server takes requests, and
 * then follows a change stream on {@code entries} on real MongoDB replica sets. The local wire store
 * runs without an oplog (reading one there scans every write ever made: platform/wire-store README),
 * so there, as on any store that cannot stream changes or whose stream breaks, it warns once and
 * polls {@code updatedAt} (through an index it declares) every 2 s
 * ({@code govdata.catalog.search.poll-interval}), comparing ids and versions every minute to catch
 * deletions. <b>Each replica keeps its own index</b>, fed from the shared collection; two replicas
 * may differ for the latency of the stream (or one poll), and a write is not visible to search on
 * any replica before its feeder has seen it.
 * <p>Metrics: gauge {@code catalog_search_index_entries} (entries in this replica's index) and timer
 * {@code catalog_search_seconds} (search latency, with histogram buckets).
 */
package cn.govdata.catalog.search;
