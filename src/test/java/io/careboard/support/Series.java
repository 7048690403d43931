package io.careboard.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Expected time series for {@code contains(...)}: mostly empty cells, with a few set by hand. */
public final class Series {

    private Series() {
    }

    /** {@code size} cells holding {@code empty}, but for the {@code index, value} pairs given. */
    public static Object[] cells(int size, Object empty, Object... indexValuePairs) {
        Object[] cells = new Object[size];
        Arrays.fill(cells, empty);
        for (int i = 0; i < indexValuePairs.length; i += 2) {
            cells[(Integer) indexValuePairs[i]] = indexValuePairs[i + 1];
        }
        return cells;
    }

    /** Hour labels {@code <date>T<hh>:00:00<offset>} for the local hours {@code from..to}, both included. */
    public static List<String> hours(String date, int from, int to, String offset) {
        List<String> labels = new ArrayList<>();
        for (int hour = from; hour <= to; hour++) {
            labels.add(String.format("%sT%02d:00:00%s", date, hour, offset));
        }
        return labels;
    }
}
