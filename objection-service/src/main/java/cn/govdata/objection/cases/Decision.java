package cn.govdata.objection.cases;

public enum Decision {
    CORRECT, REJECT
}
