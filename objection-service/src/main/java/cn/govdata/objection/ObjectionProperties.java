package cn.govdata.objection;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.util.List;

/**
 * @param platformDepartment directory code of the platform operator (大数据中心) that marks, routes and
 *                           may correct; deadlines of those steps count against it
 * @param trackingPrefix     first part of tracking numbers, {@code YY-2026-000123}
 * @param markOnReceipt      mark the data disputed the moment an objection names its resource and record;
 *                           false lets operators screen objections first (the mark deadline still runs)
 * @param evidence           limits on evidence attachments
 */
@ConfigurationProperties("govdata.objection")
public record ObjectionProperties(String platformDepartment, String trackingPrefix, Boolean markOnReceipt, Evidence evidence) {

    public ObjectionProperties {
        platformDepartment = platformDepartment == null ? "BDC" : platformDepartment;
        trackingPrefix = trackingPrefix == null ? "YY" : trackingPrefix;
        markOnReceipt = markOnReceipt == null || markOnReceipt;
        evidence = evidence == null ? new Evidence(0, null, null) : evidence;
    }

    /**
     * @param maxFiles     attachments per objection
     * @param maxFileSize  size of one attachment
     * @param allowedTypes media types accepted, recognised by their content rather than the declared type
     */
    public record Evidence(int maxFiles, DataSize maxFileSize, List<String> allowedTypes) {
        public Evidence {
            maxFiles = maxFiles <= 0 ? 5 : maxFiles;
            maxFileSize = maxFileSize == null ? DataSize.ofMegabytes(5) : maxFileSize;
            allowedTypes = allowedTypes == null || allowedTypes.isEmpty()
                    ? List.of("application/pdf", "image/png", "image/jpeg") : List.copyOf(allowedTypes);
        }
    }
}
