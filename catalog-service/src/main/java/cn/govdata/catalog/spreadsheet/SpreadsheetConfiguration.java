package cn.govdata.catalog.spreadsheet;

import cn.govdata.platform.security.GovdataSecurityAutoConfiguration;
import cn.govdata.platform.security.Roles;
import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import java.util.List;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SpreadsheetProperties.class)
class SpreadsheetConfiguration {

    private static final long HEADROOM = 1024 * 1024;

    /**
     * Boot's multipart limits (spring.servlet.multipart.*, 1 MB per file by default) would refuse a
     * template far below the import's own limit with a bare 413. This keeps every configured value
     * but raises the file and request limits just above the import limit, so the import itself
     * answers an oversized file with a problem naming {@code file} and the limit.
     */
    @Bean
    @ConditionalOnBooleanProperty(name = "spring.servlet.multipart.enabled", matchIfMissing = true)
    MultipartConfigElement multipartConfigElement(MultipartProperties multipart, SpreadsheetProperties limits) {
        MultipartConfigElement configured = multipart.createMultipartConfig();
        long file = atLeast(configured.getMaxFileSize(), limits.maxFileSize().toBytes() + HEADROOM);
        long request = atLeast(configured.getMaxRequestSize(), file + HEADROOM);
        return new MultipartConfigElement(configured.getLocation(), file, request, configured.getFileSizeThreshold());
    }

    /** The import is for data officers; the filter chain refuses anyone else before the upload is read. */
    @Bean
    GovdataSecurityAutoConfiguration.RoleRestrictedPath spreadsheetImportForDataOfficers() {
        return new GovdataSecurityAutoConfiguration.RoleRestrictedPath(HttpMethod.POST, "/api/catalog/entries/import",
                List.of(Roles.DEPT_DATA_OFFICER));
    }

    private static long atLeast(long configured, long minimum) {
        return configured < 0 ? configured : Math.max(configured, minimum); // negative = unlimited
    }
}
