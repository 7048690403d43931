package io.careboard.metrics.revenue;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import java.util.List;

/**
 * {@code data} of {@code GET /analytics/revenue} (contract §3). Gross counts payments by
 * {@code paid_at}, refunds by {@code refunded_at}; every net is that key's gross minus that key's
 * refunds. Money has 2 digits.
 *
 * @param paidConsultations  distinct consultations with a payment paid in the window
 * @param avgPerConsultation gross / paid consultations; null when there are none
 * @param byType             every consultation type, zeros included, in the order video, audio, chat
 * @param bySpecialty        the doctors' specialties with a payment event, by gross descending, then name
 * @param byMethod           every payment method, zeros included, in the order card, insurance, wallet
 * @param topDoctors         up to five doctors with a payment event, by net descending, then doctor id
 */
@RegisterForReflection
public record RevenueMetrics(
        BigDecimal gross,
        BigDecimal refunds,
        BigDecimal net,
        long paidConsultations,
        BigDecimal avgPerConsultation,
        List<TypeRevenue> byType,
        List<SpecialtyRevenue> bySpecialty,
        List<MethodRevenue> byMethod,
        List<SeriesPoint> series,
        List<DoctorRevenue> topDoctors,
        GrossAndNet previous,
        GrossAndNet changePercent) {

    @RegisterForReflection
    public record TypeRevenue(String type, BigDecimal gross, BigDecimal net) {
    }

    @RegisterForReflection
    public record SpecialtyRevenue(String specialty, BigDecimal gross, BigDecimal net) {
    }

    @RegisterForReflection
    public record MethodRevenue(String method, BigDecimal gross, BigDecimal net) {
    }

    @RegisterForReflection
    public record SeriesPoint(String bucket, BigDecimal gross, BigDecimal refunds, BigDecimal net) {
    }

    @RegisterForReflection
    public record DoctorRevenue(String doctorId, String fullName, BigDecimal gross, BigDecimal net) {
    }

    /** The previous window's money, or the percent changes against it (null when previous is 0). */
    @RegisterForReflection
    public record GrossAndNet(BigDecimal gross, BigDecimal net) {
    }
}
