package cn.govdata.opendata;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The public open-data portal: anonymous downloads and conditional-open licences. */
@SpringBootApplication
public class OpenDataServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(OpenDataServiceApplication.class, args);
    }
}
