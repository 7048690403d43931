-- Careboard's read model: the current state of each entity the platform pushes.
-- Money is exact (numeric), instants are timestamptz, ids are the platform's opaque strings.

create table doctors (
    id          varchar(64)  primary key check (id ~ '^[A-Za-z0-9_.:-]{1,64}$'),
    full_name   varchar(200) not null check (length(btrim(full_name)) > 0),
    specialty   varchar(100) not null check (length(btrim(specialty)) > 0),
    active      boolean      not null,
    updated_at  timestamptz  not null
);

create table patients (
    id          varchar(64)  primary key check (id ~ '^[A-Za-z0-9_.:-]{1,64}$'),
    birth_date  date,
    sex         varchar(7)  not null check (sex in ('female', 'male', 'other', 'unknown')),
    updated_at  timestamptz not null
);

create table consultations (
    id          varchar(64)  primary key check (id ~ '^[A-Za-z0-9_.:-]{1,64}$'),
    doctor_id       varchar(64) not null references doctors (id),
    patient_id      varchar(64) not null references patients (id),
    type            varchar(5)   not null check (type in ('video', 'audio', 'chat')),
    status          varchar(11)  not null
        check (status in ('scheduled', 'in_progress', 'completed', 'cancelled', 'no_show')),
    scheduled_at    timestamptz  not null,
    started_at      timestamptz,
    ended_at        timestamptz,
    cancelled_at    timestamptz,
    fee             numeric(14, 2) not null check (fee >= 0),
    diagnosis_code  varchar(8)   check (diagnosis_code ~ '^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$'),
    updated_at      timestamptz  not null,
    constraint consultation_ends_after_start check (ended_at is null or started_at is null or ended_at >= started_at)
);

-- Ratings and payments carry the doctor of their consultation, so per-doctor figures need no join.
create table ratings (
    id          varchar(64)  primary key check (id ~ '^[A-Za-z0-9_.:-]{1,64}$'),
    consultation_id  varchar(64)  not null references consultations (id),
    doctor_id        varchar(64)  not null references doctors (id),
    score            smallint      not null check (score between 1 and 5),
    comment          varchar(2000),
    created_at       timestamptz   not null
);

create table payments (
    id          varchar(64)  primary key check (id ~ '^[A-Za-z0-9_.:-]{1,64}$'),
    consultation_id  varchar(64) not null references consultations (id),
    doctor_id        varchar(64) not null references doctors (id),
    amount          numeric(14, 2) not null check (amount >= 0),
    method           varchar(9)   not null check (method in ('card', 'insurance', 'wallet')),
    status           varchar(8)   not null check (status in ('paid', 'refunded', 'failed')),
    paid_at          timestamptz,
    refunded_at      timestamptz,
    refunded_amount numeric(14, 2) check (refunded_amount >= 0),
    updated_at       timestamptz  not null,
    constraint payment_refund_not_above_amount check (refunded_amount is null or refunded_amount <= amount),
    constraint payment_paid_has_time check (status = 'failed' or paid_at is not null),
    constraint payment_refund_has_time check (status <> 'refunded' or refunded_at is not null)
);

create table health_observations (
    id          varchar(64)  primary key check (id ~ '^[A-Za-z0-9_.:-]{1,64}$'),
    patient_id   varchar(64)  not null references patients (id),
    code         varchar(10)   not null check (code ~ '^[0-9]{1,7}-[0-9]$'),
    value        numeric(12, 4) not null,
    unit         varchar(32)   not null,
    observed_at  timestamptz   not null
);

-- Rises on every committed change; metric answers carry it as meta.version.
create sequence data_version_seq;

-- Windows of the metric queries.
create index consultations_scheduled_at on consultations (scheduled_at)
    include (status, type, doctor_id, patient_id);
create index consultations_doctor on consultations (doctor_id);
create index consultations_patient on consultations (patient_id);
create index consultations_in_progress on consultations (status) where status = 'in_progress';
create index ratings_created_at on ratings (created_at) include (doctor_id, score);
create index ratings_consultation on ratings (consultation_id);
create index ratings_doctor on ratings (doctor_id);
create index payments_paid_at on payments (paid_at) include (status, amount, doctor_id)
    where status in ('paid', 'refunded');
create index payments_refunded_at on payments (refunded_at) where refunded_at is not null;
create index payments_consultation on payments (consultation_id);
create index payments_doctor on payments (doctor_id);
create index health_observations_observed_at on health_observations (observed_at) include (code, patient_id, value);
create index health_observations_patient on health_observations (patient_id);
