package cn.govdata.sharing.application;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.time.Period;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApplicationConfiguration.ApplicationProperties.class)
class ApplicationConfiguration {

    /**
     * @param maxValidity             longest validity an application may ask for, counted from its start
     * @param maxAttachmentSize       largest stamped scan accepted
     * @param maxAttachments          scans per application at most
     * @param refusalNeedsLegalBasis  a refusal must name the law it rests on (SY 25, QY 24; the platform asks it everywhere)
     * @param settlementPollInterval  how often approvals whose grant is not issued yet are retried
     * @param bureauDepartment        directory code of the data bureau, responsible for formality checks
     */
    @ConfigurationProperties("govdata.sharing.applications")
    record ApplicationProperties(Period maxValidity, DataSize maxAttachmentSize, Integer maxAttachments,
                                 Boolean refusalNeedsLegalBasis, Duration settlementPollInterval, String bureauDepartment) {

        ApplicationProperties {
            maxValidity = maxValidity == null ? Period.ofYears(3) : maxValidity;
            maxAttachmentSize = maxAttachmentSize == null ? DataSize.ofMegabytes(10) : maxAttachmentSize;
            maxAttachments = maxAttachments == null || maxAttachments <= 0 ? 10 : maxAttachments;
            refusalNeedsLegalBasis = refusalNeedsLegalBasis == null || refusalNeedsLegalBasis;
            settlementPollInterval = settlementPollInterval == null ? Duration.ofSeconds(30) : settlementPollInterval;
            bureauDepartment = bureauDepartment == null || bureauDepartment.isBlank() ? "BDB" : bureauDepartment;
        }
    }
}
