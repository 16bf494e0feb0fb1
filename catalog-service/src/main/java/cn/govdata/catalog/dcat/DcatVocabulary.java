package cn.govdata.catalog.dcat;

import cn.govdata.catalog.entry.EntryContent;
import cn.govdata.catalog.entry.EntryContent.DataFormat;
import cn.govdata.catalog.entry.EntryContent.OpenType;
import cn.govdata.catalog.entry.EntryContent.ShareType;
import cn.govdata.catalog.entry.EntryContent.UpdateFrequency;

import java.util.Map;
import java.util.Optional;

/**
 * How catalog values map to the controlled vocabularies DCAT-AP 3 requires: EU access rights and
 * frequencies, IANA media types.
 */
final class DcatVocabulary {

    static final String ACCESS_RIGHT = "http://publications.europa.eu/resource/authority/access-right/";
    static final String FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/";
    static final String MEDIA_TYPE = "http://www.iana.org/assignments/media-types/";

    private static final Map<UpdateFrequency, String> FREQUENCIES = Map.of(
            UpdateFrequency.REAL_TIME, "UPDATE_CONT",
            UpdateFrequency.DAILY, "DAILY",
            UpdateFrequency.WEEKLY, "WEEKLY",
            UpdateFrequency.MONTHLY, "MONTHLY",
            UpdateFrequency.QUARTERLY, "QUARTERLY",
            UpdateFrequency.SEMIANNUAL, "ANNUAL_2",
            UpdateFrequency.ANNUAL, "ANNUAL",
            UpdateFrequency.IRREGULAR, "IRREG");

    // Formats without an IANA type (a database table, "other") get a dct:format label only.
    private static final Map<DataFormat, String> MEDIA_TYPES = Map.of(
            DataFormat.CSV, "text/csv",
            DataFormat.JSON, "application/json",
            DataFormat.XML, "application/xml",
            DataFormat.XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            DataFormat.PDF, "application/pdf",
            DataFormat.IMAGE, "image/png",
            DataFormat.VIDEO, "video/mp4");

    private DcatVocabulary() {
    }

    /**
     * Open to anyone without conditions → PUBLIC; opened or shared under conditions → RESTRICTED;
     * neither opened nor shared → NON_PUBLIC.
     */
    static String accessRights(EntryContent content) {
        if (content.openType() == OpenType.UNCONDITIONAL) {
            return ACCESS_RIGHT + "PUBLIC";
        }
        if (content.openType() == OpenType.CONDITIONAL || content.shareType() != ShareType.NOT_SHARED) {
            return ACCESS_RIGHT + "RESTRICTED";
        }
        return ACCESS_RIGHT + "NON_PUBLIC";
    }

    static String frequency(UpdateFrequency frequency) {
        return FREQUENCY + FREQUENCIES.get(frequency);
    }

    static Optional<String> mediaType(DataFormat format) {
        return Optional.ofNullable(MEDIA_TYPES.get(format)).map(t -> MEDIA_TYPE + t);
    }
}
