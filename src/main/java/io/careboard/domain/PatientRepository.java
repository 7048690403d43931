package io.careboard.domain;

import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class PatientRepository implements EntityRepository<Patient> {

    @Override
    public Class<Patient> entityType() {
        return Patient.class;
    }
}
