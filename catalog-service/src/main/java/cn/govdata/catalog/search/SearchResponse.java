package cn.govdata.catalog.search;

import cn.govdata.catalog.entry.EntryContent.DataFormat;
import cn.govdata.catalog.entry.EntryContent.OpenType;
import cn.govdata.catalog.entry.EntryContent.ShareMethod;
import cn.govdata.catalog.entry.EntryContent.ShareType;
import cn.govdata.catalog.entry.EntryContent.UpdateFrequency;
import cn.govdata.catalog.entry.EntryStatus;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One page of search hits and the facet counts of the whole result. The page fields are those of
 * {@link cn.govdata.platform.web.PageResponse}, so clients read every list of the platform alike.
 *
 * @param facets per dimension (the filter parameter's name), value → number of entries; counted over
 *               the keyword result and the <em>other</em> filters, so choosing a value does not hide
 *               its alternatives
 */
record SearchResponse(List<Item> items, int page, int size, long totalItems, int totalPages,
                      Map<String, Map<String, Integer>> facets) {

    /**
     * What a result list shows of an entry. Outsiders get the published version; the owning
     * department and the supervisors get the version they work on (the working copy when there is one).
     *
     * @param matchedIn where the keywords occur: {@code name}, {@code summary}, {@code dataItems}
     */
    record Item(String id, String name, String summary, String providerDepartment, EntryStatus status,
                int publishedVersion, Instant publishedAt, ShareType shareType, OpenType openType,
                List<ShareMethod> shareMethods, List<DataFormat> formats, UpdateFrequency updateFrequency,
                String topic, String industry, String region, List<String> matchedIn) {
    }
}
