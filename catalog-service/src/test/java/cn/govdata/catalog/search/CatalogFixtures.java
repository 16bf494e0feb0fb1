package cn.govdata.catalog.search;

import cn.govdata.catalog.entry.CatalogEntry;
import cn.govdata.catalog.entry.CatalogEntry.PublishedVersion;
import cn.govdata.catalog.entry.CatalogEntry.WorkingCopy;
import cn.govdata.catalog.entry.CatalogEntry.WorkingState;
import cn.govdata.catalog.entry.EntryContent;
import cn.govdata.catalog.entry.EntryContent.DataFormat;
import cn.govdata.catalog.entry.EntryContent.OpenType;
import cn.govdata.catalog.entry.EntryContent.ShareMethod;
import cn.govdata.catalog.entry.EntryContent.ShareType;
import cn.govdata.catalog.entry.EntryContent.UpdateFrequency;
import cn.govdata.platform.security.Caller;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Entries and callers for tests and the benchmark, built without the service around them. */
final class CatalogFixtures {

    static final Instant T0 = Instant.parse("2026-03-02T01:00:00Z");

    private CatalogFixtures() {
    }

    static Content content(String department, String name) {
        return new Content(department, name);
    }

    /** A mutable builder of the catalog elements search cares about; the rest gets valid defaults. */
    static final class Content {
        String department;
        String name;
        String summary = "";
        List<String> items = List.of("记录编号");
        ShareType shareType = ShareType.UNCONDITIONAL;
        OpenType openType = OpenType.NOT_OPEN;
        List<ShareMethod> shareMethods = List.of(ShareMethod.API);
        List<DataFormat> formats = List.of(DataFormat.JSON);
        UpdateFrequency updateFrequency = UpdateFrequency.DAILY;
        String topic;
        String industry;
        String region = "320100";

        Content(String department, String name) {
            this.department = department;
            this.name = name;
        }

        Content summary(String value) {
            summary = value;
            return this;
        }

        Content items(String... names) {
            items = List.of(names);
            return this;
        }

        Content share(ShareType type, ShareMethod... methods) {
            shareType = type;
            shareMethods = List.of(methods);
            return this;
        }

        Content open(OpenType type) {
            openType = type;
            return this;
        }

        Content formats(DataFormat... values) {
            formats = List.of(values);
            return this;
        }

        Content frequency(UpdateFrequency value) {
            updateFrequency = value;
            return this;
        }

        Content topic(String value) {
            topic = value;
            return this;
        }

        Content industry(String value) {
            industry = value;
            return this;
        }

        Content region(String value) {
            region = value;
            return this;
        }

        EntryContent build() {
            return new EntryContent(name, summary, EntryContent.ResourceCategory.DEPARTMENTAL, "01", "001", null, department,
                    "业务系统", null, null, null, formats, EntryContent.DataForm.STRUCTURED,
                    items.stream().map(i -> new EntryContent.DataItem(i, EntryContent.DataType.STRING, 50, null, false, false)).toList(),
                    null, shareType, shareType == ShareType.CONDITIONAL ? "经审批" : null, null,
                    shareType == ShareType.UNCONDITIONAL ? null : "涉及个人信息", shareType == ShareType.UNCONDITIONAL ? null : "法规",
                    shareMethods, openType, null, openType == OpenType.NOT_OPEN ? "不宜开放" : null,
                    openType == OpenType.UNCONDITIONAL ? null : "法规", false, updateFrequency, topic, industry, region,
                    EntryContent.DataGrade.GENERAL);
        }
    }

    static CatalogEntry published(String id, Content content) {
        return published(id, content.build(), T0);
    }

    static CatalogEntry published(String id, EntryContent content, Instant approvedAt) {
        return new CatalogEntry(id, List.of(new PublishedVersion(1, content, "bureau", approvedAt)), null, null, null, List.of());
    }

    static CatalogEntry draft(String id, Content content) {
        return new CatalogEntry(id, List.of(), new WorkingCopy(1, content.build(), WorkingState.DRAFT, List.of(), null),
                null, null, List.of());
    }

    /** Published as {@code published}, with {@code change} drafted as version 2. */
    static CatalogEntry changing(String id, Content published, Content change) {
        return new CatalogEntry(id, List.of(new PublishedVersion(1, published.build(), "bureau", T0)),
                new WorkingCopy(2, change.build(), WorkingState.DRAFT, List.of(), null), null, null, List.of());
    }

    static CatalogEntry withdrawn(String id, Content content) {
        return new CatalogEntry(id, List.of(new PublishedVersion(1, content.build(), "bureau", T0)), null,
                new CatalogEntry.Withdrawal(CatalogEntry.WithdrawalState.APPROVED, "系统停用", "officer", T0, "bureau", T0, null),
                null, List.of());
    }

    static Caller consumer(String department) {
        return new Caller("sub-" + department, "consumer-" + department, "govdata-portal", department, "320100",
                Set.of("dept-consumer"));
    }

    static Caller officer(String department) {
        return new Caller("sub-" + department, "officer-" + department, "govdata-portal", department, "320100",
                Set.of("dept-data-officer"));
    }

    static Caller bureau() {
        return new Caller("sub-bureau", "bureau", "govdata-portal", "BDB", "320100", Set.of("bureau-reviewer"));
    }

    static Caller county(String region) {
        return new Caller("sub-county", null, "county-" + region, "CTY", region, Set.of("county-subplatform"));
    }
}
