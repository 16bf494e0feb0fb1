package cn.govdata.objection.cases;

/** Who decides: the platform within its own remit, or the department responsible for the data. */
public enum Route {
    PLATFORM, DEPARTMENT
}
