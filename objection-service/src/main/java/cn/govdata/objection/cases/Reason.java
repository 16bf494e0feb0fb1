package cn.govdata.objection.cases;

/** What is wrong with the data (NJ 35): an error, an omission, or an infringement of trade secrets or privacy. */
public enum Reason {
    ERROR, OMISSION, INFRINGEMENT
}
