package cn.govdata.catalog.department;

/** Administrative level: a city department or a county/district one with its own sub-platform. */
enum DepartmentLevel {
    CITY, COUNTY
}
