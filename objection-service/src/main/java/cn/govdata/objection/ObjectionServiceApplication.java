package cn.govdata.objection;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Data objections and corrections under statutory deadlines. */
@SpringBootApplication
@EnableConfigurationProperties(ObjectionProperties.class)
public class ObjectionServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ObjectionServiceApplication.class, args);
    }
}
