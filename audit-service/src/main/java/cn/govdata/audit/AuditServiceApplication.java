package cn.govdata.audit;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The audit and supervision office: every platform event kept in tamper-evident chains and
 * queryable by auditors, usage logs for departments, early warnings and supervision scorecards.
 */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties(AuditProperties.class)
public class AuditServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(AuditServiceApplication.class, args);
    }
}
