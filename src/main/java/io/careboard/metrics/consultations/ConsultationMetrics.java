package io.careboard.metrics.consultations;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** {@code data} of {@code GET /analytics/consultations} (contract §3). */
public record ConsultationMetrics(
        long total,
        Map<String, Long> byStatus,
        Map<String, Long> byType,
        BigDecimal completionRate,
        BigDecimal avgDurationMinutes,
        BigDecimal medianDurationMinutes,
        BigDecimal avgWaitMinutes,
        List<SpecialtyCount> bySpecialty,
        List<SeriesPoint> series,
        Previous previous,
        ChangePercent changePercent) {

    public record SpecialtyCount(String specialty, long total, long completed) {
    }

    public record SeriesPoint(String bucket, long total, long completed) {
    }

    public record Previous(long total, long completed, BigDecimal completionRate) {
    }

    public record ChangePercent(BigDecimal total, BigDecimal completed) {
    }
}
