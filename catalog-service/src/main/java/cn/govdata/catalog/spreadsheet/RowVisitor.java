package cn.govdata.catalog.spreadsheet;

import java.util.List;

/** Receives the rows of an uploaded table in order, header first; throwing stops the reading. */
@FunctionalInterface
interface RowVisitor {

    /** @param number the spreadsheet row number, the header being 1 (a CSV record counts as one row) */
    void row(int number, List<String> cells);
}
