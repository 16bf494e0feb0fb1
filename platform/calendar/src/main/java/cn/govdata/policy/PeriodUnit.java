package cn.govdata.policy;

/** Units the regulations state deadlines in; the symbol is what override values use. */
public enum PeriodUnit {
    /** 工作日: skips weekends and public holidays, counts makeup working days. */
    WORKING_DAYS("wd"),
    /** 日 without 工作: every day counts, holidays included (e.g. SY 34); a last day that is a rest day moves to the next working day (民法典 第二百零三条). */
    CALENDAR_DAYS("d"),
    MONTHS("m"),
    YEARS("y");

    private final String symbol;

    PeriodUnit(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }
}
