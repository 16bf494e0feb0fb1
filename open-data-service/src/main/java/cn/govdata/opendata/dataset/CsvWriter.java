package cn.govdata.opendata.dataset;

import java.util.List;

final class CsvWriter {

    private CsvWriter() {
    }

    static String line(List<?> values) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            Object v = values.get(i);
            String s = v == null ? "" : v.toString();
            if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
                line.append('"').append(s.replace("\"", "\"\"")).append('"');
            } else {
                line.append(s);
            }
        }
        return line.append("\r\n").toString();
    }
}
