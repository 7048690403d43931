-- Daily rollups: per time zone and local day, the additive figures of past days, so a metric
-- over a year reads a few hundred rows per day instead of every consultation. A day is read from
-- the rollups only when it is built and clean; everything else (today, days changed since they
-- were built) is read from the raw tables, so answers stay exact.

-- Per zone: days [built_from, clean_until) are built and readable; days up to built_until are
-- being built, so changes to anything before built_until_at must mark their hour dirty.
create table rollup_state (
    zone            varchar(64) primary key,
    built_from      date        not null,
    clean_until     date        not null,
    built_until     date        not null,
    built_until_at  timestamptz not null,
    updated_at      timestamptz not null
);

-- UTC hours whose rows changed after their day was built; every zone's days overlapping such an
-- hour are read raw until rebuilt. mark is the writing transaction, so a transaction marks an
-- hour once however many rows it changes there, and a rebuild clears only the marks it saw.
create table rollup_dirty_hours (
    hour  timestamptz not null,
    mark  bigint      not null,
    primary key (hour, mark)
);

-- Patients whose consultations or attributes changed on built days: their last-seen rows are
-- recomputed with the dirty days.
create table rollup_dirty_patients (
    patient_id  varchar(64) not null,
    mark        bigint      not null,
    primary key (patient_id, mark)
);

-- Writers take this lock shared (in the triggers below); the builder takes it exclusively to move
-- built_until, so no change can slip between "not yet built" and "built" unmarked.
create function rollup_guard() returns void language sql as $$
    select pg_advisory_xact_lock_shared(7302026)
$$;

create function rollup_mark(ts timestamptz) returns void language plpgsql as $$
begin
    if ts is null then
        return;
    end if;
    perform rollup_guard();
    if ts < (select max(built_until_at) from rollup_state) then
        insert into rollup_dirty_hours (hour, mark)
        values (date_trunc('hour', ts at time zone 'UTC') at time zone 'UTC', txid_current())
        on conflict do nothing;
    end if;
end
$$;

create function rollup_mark_patient(patient varchar, ts timestamptz) returns void language plpgsql as $$
begin
    if patient is null or ts is null then
        return;
    end if;
    perform rollup_guard();
    if ts < (select max(built_until_at) from rollup_state) then
        insert into rollup_dirty_patients (patient_id, mark) values (patient, txid_current())
        on conflict do nothing;
    end if;
end
$$;

create function consultations_mark_rollups() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and (old.doctor_id, old.patient_id, old.type, old.status, old.scheduled_at, old.started_at,
                             old.ended_at, old.diagnosis_code)
            is not distinct from (new.doctor_id, new.patient_id, new.type, new.status, new.scheduled_at,
                                  new.started_at, new.ended_at, new.diagnosis_code) then
        return null;
    end if;
    if tg_op in ('UPDATE', 'DELETE') then
        perform rollup_mark(old.scheduled_at);
        perform rollup_mark_patient(old.patient_id, old.scheduled_at);
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        perform rollup_mark(new.scheduled_at);
        perform rollup_mark_patient(new.patient_id, new.scheduled_at);
    end if;
    return null;
end
$$;

create trigger consultations_mark_rollups after insert or update or delete on consultations
    for each row execute function consultations_mark_rollups();

create function ratings_mark_rollups() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and (old.doctor_id, old.score, old.created_at)
            is not distinct from (new.doctor_id, new.score, new.created_at) then
        return null;
    end if;
    if tg_op in ('UPDATE', 'DELETE') then
        perform rollup_mark(old.created_at);
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        perform rollup_mark(new.created_at);
    end if;
    return null;
end
$$;

create trigger ratings_mark_rollups after insert or update or delete on ratings
    for each row execute function ratings_mark_rollups();

create function payments_mark_rollups() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and (old.doctor_id, old.consultation_id, old.amount, old.method, old.status, old.paid_at,
                             old.refunded_at, old.refunded_amount)
            is not distinct from (new.doctor_id, new.consultation_id, new.amount, new.method, new.status,
                                  new.paid_at, new.refunded_at, new.refunded_amount) then
        return null;
    end if;
    if tg_op in ('UPDATE', 'DELETE') then
        perform rollup_mark(old.paid_at);
        perform rollup_mark(old.refunded_at);
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        perform rollup_mark(new.paid_at);
        perform rollup_mark(new.refunded_at);
    end if;
    return null;
end
$$;

create trigger payments_mark_rollups after insert or update or delete on payments
    for each row execute function payments_mark_rollups();

create function observations_mark_rollups() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and (old.patient_id, old.code, old.value, old.observed_at)
            is not distinct from (new.patient_id, new.code, new.value, new.observed_at) then
        return null;
    end if;
    if tg_op in ('UPDATE', 'DELETE') then
        perform rollup_mark(old.observed_at);
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        perform rollup_mark(new.observed_at);
    end if;
    return null;
end
$$;

create trigger observations_mark_rollups after insert or update or delete on health_observations
    for each row execute function observations_mark_rollups();

-- A doctor's specialty is rolled up with its consultations and payments: a new specialty makes
-- every built day of the doctor dirty (rare: a whole history is re-read once).
create function doctors_mark_rollups() returns trigger language plpgsql as $$
begin
    if old.specialty is distinct from new.specialty then
        perform rollup_mark(c.scheduled_at) from consultations c where c.doctor_id = new.id;
        perform rollup_mark(p.paid_at), rollup_mark(p.refunded_at) from payments p where p.doctor_id = new.id;
    end if;
    return null;
end
$$;

create trigger doctors_mark_rollups after update on doctors
    for each row execute function doctors_mark_rollups();

-- A patient's birth date and sex are rolled up as age groups and sexes.
create function patients_mark_rollups() returns trigger language plpgsql as $$
begin
    if (old.birth_date, old.sex) is distinct from (new.birth_date, new.sex) then
        perform rollup_mark(c.scheduled_at), rollup_mark_patient(c.patient_id, c.scheduled_at)
        from consultations c where c.patient_id = new.id;
    end if;
    return null;
end
$$;

create trigger patients_mark_rollups after update on patients
    for each row execute function patients_mark_rollups();

-- An interval in whole microseconds, PostgreSQL's resolution: sums of them stay exact.
create function interval_us(i interval) returns bigint language sql immutable parallel safe as $$
    select cast(extract(epoch from i) * 1000000 as bigint)
$$;

-- The rollups. Durations and waits in microseconds, exact.
create table rollup_consultations (
    zone           varchar(64) not null,
    day            date        not null,
    specialty      varchar(100) not null,
    type           varchar(5)  not null,
    status         varchar(11) not null,
    consultations  integer     not null,
    duration_us    bigint      not null,
    durations      integer     not null,
    wait_us        bigint      not null,
    waits          integer     not null,
    primary key (zone, day, specialty, type, status)
);

-- Completed consultations' durations counted per day and whole minute, then exactly within the
-- minute: a median finds its minute in the first table and its exact value in the second, so it
-- stays exact without reading every duration of a year.
create table rollup_duration_minutes (
    zone       varchar(64) not null,
    day        date        not null,
    minute     integer     not null,
    completed  integer     not null,
    primary key (zone, day, minute)
);

create table rollup_durations (
    zone         varchar(64) not null,
    minute       integer     not null,
    day          date        not null,
    duration_us  bigint      not null,
    completed    integer     not null,
    primary key (zone, minute, day, duration_us)
);

create table rollup_doctors (
    zone           varchar(64)    not null,
    day            date           not null,
    doctor_id      varchar(64)    not null,
    consultations  integer        not null,
    completed      integer        not null,
    failed         integer        not null,
    duration_us    bigint         not null,
    durations      integer        not null,
    rating_sum     integer        not null,
    ratings        integer        not null,
    gross          numeric(16, 2) not null,
    refunds        numeric(16, 2) not null,
    payment_events integer        not null,
    primary key (zone, day, doctor_id)
);

-- Gross by paid_at and refunds by refunded_at, each on its own day.
create table rollup_payments (
    zone            varchar(64)    not null,
    day             date           not null,
    type            varchar(5)     not null,
    specialty       varchar(100)   not null,
    method          varchar(9)     not null,
    gross           numeric(16, 2) not null,
    refunds         numeric(16, 2) not null,
    gross_payments  integer        not null,
    primary key (zone, day, type, specialty, method)
);

-- Per day, the totals that need no key: a series or an overview of a year reads one row a day.
create table rollup_days (
    zone            varchar(64)    not null,
    day             date           not null,
    consultations   integer        not null,
    completed       integer        not null,
    failed          integer        not null,
    gross           numeric(16, 2) not null,
    refunds         numeric(16, 2) not null,
    gross_payments  integer        not null,
    ratings         integer        not null,
    rating_sum      integer        not null,
    primary key (zone, day)
);

-- Sums of aligned blocks of 2, 4, ... 256 days (day = the block's first day, a multiple of its
-- length after 1900-01-01) of the rollups with many rows a day, so a year of them reads about a
-- dozen blocks instead of 365 days (RollupSql.blocks picks them).
create table rollup_consultations_blocks (days smallint not null, like rollup_consultations);
alter table rollup_consultations_blocks add primary key (zone, days, day, specialty, type, status);

create table rollup_doctors_blocks (days smallint not null, like rollup_doctors);
alter table rollup_doctors_blocks add primary key (zone, days, day, doctor_id);

create table rollup_payments_blocks (days smallint not null, like rollup_payments);
alter table rollup_payments_blocks add primary key (zone, days, day, type, specialty, method);

-- The median duration of a long window: its minute from the histogram's blocks, then its exact
-- value among the durations of that minute (probed by minute first).
create table rollup_duration_minutes_blocks (days smallint not null, like rollup_duration_minutes);
alter table rollup_duration_minutes_blocks add primary key (zone, days, day, minute);

create table rollup_durations_blocks (days smallint not null, like rollup_durations);
alter table rollup_durations_blocks add primary key (zone, minute, days, day, duration_us);

-- Every gross payment that is not its consultation's first (by paid_at, then id), with the
-- paid_at of the one before: what keeps a count of paid consultations exact when it is summed
-- from payments per day. Within a window [A, B) a consultation's gross payments are consecutive,
-- so the distinct consultations are the gross payments less the repeats whose previous payment
-- is in the window too: paid_at < B and previous_paid_at >= A. "Gross" is PaymentEvents' rule
-- (status paid or refunded; such a payment always has paid_at). Kept current by the trigger
-- below, which recomputes a consultation's repeats whenever one of its payments changes; writers
-- of one consultation's payments take turns, or two concurrent inserts would miss each other.
create table payment_repeats (
    payment_id        varchar(64) primary key,
    consultation_id   varchar(64) not null,
    paid_at           timestamptz not null,
    previous_paid_at  timestamptz not null
);

create index payment_repeats_paid_at on payment_repeats (paid_at) include (previous_paid_at);
create index payment_repeats_consultation on payment_repeats (consultation_id);

create function payment_repeats_of(consultation varchar) returns void language plpgsql as $$
begin
    perform pg_advisory_xact_lock(7302028, hashtext(consultation));
    delete from payment_repeats where consultation_id = consultation;
    insert into payment_repeats (payment_id, consultation_id, paid_at, previous_paid_at)
    select x.id, consultation, x.paid_at, x.previous_paid_at
    from (select p.id, p.paid_at, lag(p.paid_at) over (order by p.paid_at, p.id) as previous_paid_at
          from payments p
          where p.consultation_id = consultation and p.status in ('paid', 'refunded')) x
    where x.previous_paid_at is not null;
end
$$;

create function payments_track_repeats() returns trigger language plpgsql as $$
begin
    if tg_op in ('UPDATE', 'DELETE') then
        perform payment_repeats_of(old.consultation_id);
    end if;
    if tg_op = 'INSERT' or (tg_op = 'UPDATE' and new.consultation_id is distinct from old.consultation_id) then
        perform payment_repeats_of(new.consultation_id);
    end if;
    return null;
end
$$;

create trigger payments_track_repeats after insert or delete or update of consultation_id, status, paid_at
    on payments for each row execute function payments_track_repeats();

-- The payments stored before this migration.
select payment_repeats_of(consultation_id)
from payments where status in ('paid', 'refunded') group by consultation_id having count(*) > 1;

-- patients: distinct patients behind the day's count. Distinct patients of a longer window lie
-- between the largest day's and the sum of the days' (small-cell suppression needs them).
create table rollup_diagnoses (
    zone       varchar(64) not null,
    day        date        not null,
    code       varchar(8)  not null,
    completed  integer     not null,
    patients   integer     not null,
    primary key (zone, day, code)
);

create table rollup_vitals (
    zone       varchar(64)    not null,
    day        date           not null,
    code       varchar(10)    not null,
    readings   integer        not null,
    value_sum  numeric(20, 4) not null,
    patients   integer        not null,
    primary key (zone, day, code)
);

-- Distinct patients over windows that end now: each patient's last built day with a consultation
-- (overall, and per age group at that consultation), so "patients seen since day A" are the rows
-- with last_day >= A — exact for every patient not in rollup_dirty_patients.
-- age_group '*' is the patient whatever the age, with the patient's sex.
create table rollup_patient_last_seen (
    zone        varchar(64) not null,
    patient_id  varchar(64) not null,
    age_group   varchar(7)  not null,
    sex         varchar(7)  not null,
    last_day    date        not null,
    primary key (zone, patient_id, age_group)
);

-- The rows of rollup_patient_last_seen counted per last day: a year's patients are a sum over
-- 365 days instead of an index scan over every patient. Changed by RollupBuilder in the same
-- statements as the rows it counts, so it always equals their count.
create table rollup_last_seen_days (
    zone       varchar(64) not null,
    last_day   date        not null,
    age_group  varchar(7)  not null,
    sex        varchar(7)  not null,
    patients   integer     not null,
    primary key (zone, last_day, age_group, sex)
);

-- Whether a doctor completed a consultation in a window: one probe per doctor (the overview's
-- active doctors) instead of every doctor's every day.
create index rollup_doctors_completed on rollup_doctors (zone, doctor_id, day) where completed > 0;

-- Small-cell suppression of a window's diagnosis or vitals cell when the daily rollups only bound
-- its distinct patients (between the largest day's and the sum): the cell's own rows, counted raw.
create index consultations_diagnosis on consultations (diagnosis_code, scheduled_at) include (patient_id)
    where status = 'completed' and diagnosis_code is not null;
create index health_observations_code on health_observations (code, observed_at) include (patient_id);
