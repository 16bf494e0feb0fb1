package cn.govdata.catalog.entry;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param bureauDepartment the department code of the data bureau (数据主管部门), which is responsible
 *                         for the review and withdrawal deadlines it owes; default {@code BDB}
 */
@ConfigurationProperties("govdata.catalog")
record BureauProperties(String bureauDepartment) {

    BureauProperties {
        bureauDepartment = bureauDepartment == null || bureauDepartment.isBlank() ? "BDB" : bureauDepartment.strip();
    }
}
