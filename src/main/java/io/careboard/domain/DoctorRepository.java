package io.careboard.domain;

import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class DoctorRepository implements EntityRepository<Doctor> {

    @Override
    public Class<Doctor> entityType() {
        return Doctor.class;
    }
}
