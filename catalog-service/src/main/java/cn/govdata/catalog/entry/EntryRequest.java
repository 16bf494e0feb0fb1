package cn.govdata.catalog.entry;

import cn.govdata.domain.Refusal;
import cn.govdata.policy.PriorityDomain;
import cn.govdata.catalog.entry.EntryContent.BasicResourceKind;
import cn.govdata.catalog.entry.EntryContent.DataForm;
import cn.govdata.catalog.entry.EntryContent.DataFormat;
import cn.govdata.catalog.entry.EntryContent.DataGrade;
import cn.govdata.catalog.entry.EntryContent.DataType;
import cn.govdata.catalog.entry.EntryContent.OpenType;
import cn.govdata.catalog.entry.EntryContent.ResourceCategory;
import cn.govdata.catalog.entry.EntryContent.ShareMethod;
import cn.govdata.catalog.entry.EntryContent.ShareType;
import cn.govdata.catalog.entry.EntryContent.UpdateFrequency;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * A catalog entry as a department writes it (JSON body, or one spreadsheet row). Format checks
 * live here; the statutory rules that relate fields to each other are {@link EntryRules}.
 */
public record EntryRequest(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Size(max = 2000) String summary,
        @NotNull ResourceCategory category,
        @NotBlank @Pattern(regexp = "[0-9]{2}", message = "must be the 2-digit class (项) code") String classCode,
        @NotBlank @Pattern(regexp = "[0-9]{3}", message = "must be the 3-digit item (目) code") String itemCode,
        BasicResourceKind basicKind,
        @NotBlank @Pattern(regexp = "[A-Z][A-Z0-9-]{1,31}", message = "must be a department code") String providerDepartment,
        @NotBlank @Size(max = 200) String sourceSystem,
        @Pattern(regexp = "[A-Z][A-Z0-9-]{1,31}", message = "must be a department code") String collectingDepartment,
        @Pattern(regexp = "[A-Z][A-Z0-9-]{1,31}", message = "must be a department code") String approvingDepartment,
        @Pattern(regexp = "[A-Z][A-Z0-9-]{1,31}", message = "must be a department code") String providingDepartment,
        @NotEmpty List<@NotNull DataFormat> formats,
        @NotNull DataForm form,
        @NotEmpty @Size(max = 500) List<@Valid @NotNull DataItemRequest> dataItems,
        @Valid DictionaryRequest dictionary,
        @NotNull ShareType shareType,
        @Size(max = 2000) String shareConditions,
        @Size(max = 2000) String shareScope,
        @Size(max = 2000) String shareReason,
        @Size(max = 2000) String shareLegalBasis,
        List<@NotNull ShareMethod> shareMethods,
        @NotNull OpenType openType,
        @Size(max = 2000) String openConditions,
        @Size(max = 2000) String openReason,
        @Size(max = 2000) String openLegalBasis,
        boolean obtainedBySharing,
        @NotNull UpdateFrequency updateFrequency,
        @Size(max = 100) String topic,
        @Size(max = 100) String industry,
        @NotBlank @Pattern(regexp = "[0-9]{6}", message = "must be a 6-digit administrative division code") String region,
        @NotNull DataGrade grade,
        @Size(max = 20) List<String> priorityDomains) {

    /** Without priority domains (spreadsheets made before the column existed). */
    public EntryRequest(String name, String summary, ResourceCategory category, String classCode, String itemCode,
                        BasicResourceKind basicKind, String providerDepartment, String sourceSystem,
                        String collectingDepartment, String approvingDepartment, String providingDepartment,
                        List<DataFormat> formats, DataForm form, List<DataItemRequest> dataItems, DictionaryRequest dictionary,
                        ShareType shareType, String shareConditions, String shareScope, String shareReason,
                        String shareLegalBasis, List<ShareMethod> shareMethods, OpenType openType, String openConditions,
                        String openReason, String openLegalBasis, boolean obtainedBySharing, UpdateFrequency updateFrequency,
                        String topic, String industry, String region, DataGrade grade) {
        this(name, summary, category, classCode, itemCode, basicKind, providerDepartment, sourceSystem, collectingDepartment,
                approvingDepartment, providingDepartment, formats, form, dataItems, dictionary, shareType, shareConditions,
                shareScope, shareReason, shareLegalBasis, shareMethods, openType, openConditions, openReason, openLegalBasis,
                obtainedBySharing, updateFrequency, topic, industry, region, grade, List.of());
    }

    /**
     * The priority domains as keys of {@link PriorityDomain} (SY 36, QY 31), each once, in the
     * order given.
     *
     * @throws Refusal 400 naming {@code priorityDomains[i]} for a key not on the list
     */
    List<String> priorityDomainKeys() {
        if (priorityDomains == null) {
            return List.of();
        }
        List<String> keys = new java.util.ArrayList<>();
        for (int i = 0; i < priorityDomains.size(); i++) {
            String key = priorityDomains.get(i) == null ? "" : priorityDomains.get(i).strip();
            try {
                PriorityDomain.fromKey(key);
            } catch (IllegalArgumentException unknown) {
                throw Refusal.invalidField("priorityDomains[" + i + "]", "「" + key + "」不在重点和优先开放领域目录中（SY 36、QY 31），可选："
                        + String.join(", ", java.util.Arrays.stream(PriorityDomain.values()).map(PriorityDomain::key).toList()));
            }
            if (!keys.contains(key)) {
                keys.add(key);
            }
        }
        return keys;
    }

    public record DataItemRequest(
            @NotBlank @Size(max = 100) String name,
            @NotNull DataType type,
            @Min(1) @Max(1_000_000) Integer length,
            @Size(max = 500) String description,
            boolean personal,
            boolean sensitive) {
    }

    public record DictionaryRequest(@Size(max = 200) String name, @Size(max = 500) String url, @Size(max = 100) String standard) {
    }

    public EntryContent toContent() {
        return new EntryContent(name.strip(), summary.strip(), category, classCode, itemCode, basicKind, providerDepartment,
                sourceSystem, collectingDepartment, approvingDepartment, providingDepartment, formats, form,
                dataItems.stream().map(i -> new EntryContent.DataItem(i.name().strip(), i.type(), i.length(),
                        i.description(), i.personal(), i.sensitive())).toList(),
                dictionary == null ? null : new EntryContent.Dictionary(dictionary.name(), dictionary.url(), dictionary.standard()),
                shareType, blankToNull(shareConditions), blankToNull(shareScope), blankToNull(shareReason),
                blankToNull(shareLegalBasis), shareMethods == null ? List.of() : shareMethods, openType,
                blankToNull(openConditions), blankToNull(openReason), blankToNull(openLegalBasis), obtainedBySharing,
                updateFrequency, blankToNull(topic), blankToNull(industry), region, grade, priorityDomainKeys());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
