package io.careboard.domain;

import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class ConsultationRepository implements EntityRepository<Consultation> {

    @Override
    public Class<Consultation> entityType() {
        return Consultation.class;
    }

    /**
     * Points the ratings and payments of a consultation at its new doctor, since they carry the
     * doctor to spare the metric queries a join.
     */
    public void reassignDoctor(String consultationId, String doctorId) {
        getEntityManager().createQuery("update Rating r set r.doctorId = ?1 where r.consultationId = ?2")
                .setParameter(1, doctorId).setParameter(2, consultationId).executeUpdate();
        getEntityManager().createQuery("update Payment p set p.doctorId = ?1 where p.consultationId = ?2")
                .setParameter(1, doctorId).setParameter(2, consultationId).executeUpdate();
    }
}
