/**
 * The dashboard's panels, drawn from a metric envelope. Every figure of the answer's data is on the
 * page, in a stat, a table cell or a KPI, marked with data-field (its path in the answer, as the
 * suppressed list writes it) and data-value (the raw value), so what the page shows can be checked
 * against what the API answered. Suppressed cells read "Suppressed", never 0.
 */
import { el } from './dom.js';
import { MISSING, formatBuckets } from '../analytics/format.js';
import { barConfig, destroyCharts, drawChart, lineConfig } from './charts.js';

export const SUPPRESSED_TEXT = 'Suppressed';
const SUPPRESSED_HINT = 'Hidden to protect privacy: too few patients or readings in this cell';

const LABELS = {
    scheduled: 'Scheduled', in_progress: 'In progress', completed: 'Completed', cancelled: 'Cancelled',
    no_show: 'No-show', video: 'Video', audio: 'Audio', chat: 'Chat', card: 'Card', insurance: 'Insurance',
    wallet: 'Wallet', female: 'Female', male: 'Male', other: 'Other', unknown: 'Unknown',
};

/** The five vital signs (LOINC) of the health trends, in the contract's order. */
export const VITALS = Object.freeze({
    '8480-6': { name: 'Systolic blood pressure', unit: 'mmHg' },
    '8462-4': { name: 'Diastolic blood pressure', unit: 'mmHg' },
    '8867-4': { name: 'Heart rate', unit: '/min' },
    '2339-0': { name: 'Glucose', unit: 'mg/dL' },
    '39156-5': { name: 'Body mass index', unit: 'kg/m²' },
});

const label = (key) => LABELS[key] ?? String(key);

function formatted(ctx, kind, value) {
    if (kind === 'text' || kind === 'label') {
        return value === null || value === undefined || value === '' ? MISSING : String(value);
    }
    return ctx.fmt[kind](value);
}

function rawText(value) {
    return value === null || value === undefined ? 'null' : String(value);
}

/** An element showing one figure of the answer. */
function figure(tag, ctx, { path, value, kind, suppressed = ctx.suppressed.has(path), className = '', text }) {
    const classes = [className, kind === 'text' ? '' : 'num', suppressed ? 'suppressed' : ''];
    if (kind === 'change' && Number.isFinite(value) && value !== 0) {
        classes.push(value > 0 ? 'up' : 'down');
    }
    const dataset = { field: path, value: rawText(value) };
    if (suppressed) {
        dataset.suppressed = 'true';
    }
    return el(tag, {
        class: classes.filter(Boolean).join(' ') || null,
        dataset,
        title: suppressed ? SUPPRESSED_HINT : null,
    }, suppressed ? SUPPRESSED_TEXT : (text ?? formatted(ctx, kind, value)));
}

/** A list of labelled figures; an item may carry the change against the previous period. */
function stats(ctx, items) {
    return el('dl', { class: 'stats' }, items.map((item) => el('div', { class: 'stat' },
        el('dt', {}, item.label),
        figure('dd', ctx, item),
        item.change ? figure('dd', ctx, { ...item.change, kind: 'change', className: 'change' }) : null,
        item.note ? el('dd', { class: 'note' }, item.note) : null)));
}

/**
 * A table with a caption and a CSV export. columns: [{label, kind, money}]; rows: arrays of cells
 * {value, kind, path?, suppressed?, text?} where kind 'label' is the row's header.
 */
function dataTable(ctx, { name, caption, columns, rows, open = true }) {
    const headers = columns.map((c) => (c.kind === 'money' ? `${c.label} (${ctx.fmt.currency})` : c.label));
    const csvRows = rows.map((cells) => cells.map((cell) => (cell.suppressed ?? ctx.suppressed.has(cell.path)
        ? 'suppressed' : cell.value)));
    const body = rows.map((cells) => el('tr', {}, cells.map((cell) => (cell.kind === 'label'
        ? el('th', { scope: 'row' }, cell.text ?? label(cell.value))
        : figure('td', ctx, cell)))));
    const table = el('table', {},
        el('caption', { class: 'visually-hidden' }, caption),
        el('thead', {}, el('tr', {}, columns.map((c) => el('th', { scope: 'col', class: c.kind === 'label' || c.kind === 'text' ? null : 'num' }, c.label)))),
        el('tbody', {}, body.length > 0 ? body : el('tr', {}, el('td', { colspan: columns.length, class: 'empty' }, 'No data in this period'))));
    const exportButton = el('button', {
        type: 'button',
        class: 'csv',
        dataset: { focusKey: `csv-${name}`, table: name },
        'aria-label': `Export “${caption}” as CSV`,
        on: { click: () => ctx.exportCsv(name, headers, csvRows) },
    }, 'CSV');
    const wrap = el('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': caption }, table);
    return el('details', { class: 'table-block', open, dataset: { table: name } },
        el('summary', {}, el('span', { class: 'table-title' }, caption)),
        el('div', { class: 'table-tools' }, exportButton),
        wrap);
}

/** A chart's canvas, described for screen readers (the table next to it has the figures). */
function chartBox(description) {
    return el('div', { class: 'chart' }, el('canvas', { role: 'img', 'aria-label': `${description}. The figures are in the table below.` }));
}

/** A table of counts by key: every key of the answer, in its order, zeros included. */
function countTable(ctx, name, caption, [keyLabel, countLabel], object, prefix) {
    return dataTable(ctx, {
        name, caption,
        columns: [{ label: keyLabel, kind: 'label' }, { label: countLabel, kind: 'integer' }],
        rows: Object.entries(object ?? {}).map(([key, value]) => [
            { kind: 'label', value: key },
            { value, kind: 'integer', path: `${prefix}.${key}` },
        ]),
    });
}

function bucketCell(ctx, labels, series, i, prefix) {
    return { kind: 'text', value: series[i].bucket, path: `${prefix}[${i}].bucket`, text: labels[i] };
}

/** Draws the charts once the panel is in the document (Chart.js measures its canvas). */
function draw(panelKey, body, charts) {
    destroyCharts(`${panelKey}:`);
    const canvases = body.querySelectorAll('.chart canvas');
    charts.forEach((config, i) => drawChart(`${panelKey}:${i}`, canvases[i], config));
}

// --- Overview ------------------------------------------------------------------------------------

export function renderOverview(body, envelope, ctx) {
    const d = envelope.data;
    const tile = (title, item, extra = []) => el('div', { class: 'kpi' },
        el('h3', {}, title),
        figure('p', ctx, { ...item, className: 'kpi-value' }),
        extra);
    const change = (path, value) => el('p', { class: 'kpi-change' },
        figure('span', ctx, { path, value, kind: 'change' }), ' vs previous period');
    const detail = (text, item) => el('p', { class: 'kpi-detail' }, figure('span', ctx, item), ` ${text}`);
    body.replaceChildren(el('div', { class: 'kpis' },
        tile('Consultations', { path: 'consultations.total', value: d.consultations.total, kind: 'integer' }, [
            change('consultations.change_percent', d.consultations.change_percent),
            detail('completed', { path: 'consultations.completed', value: d.consultations.completed, kind: 'integer' }),
        ]),
        tile('Completion rate', { path: 'consultations.completion_rate', value: d.consultations.completion_rate, kind: 'ratio' }),
        tile('Net revenue', { path: 'revenue.net', value: d.revenue.net, kind: 'money' }, [
            change('revenue.change_percent', d.revenue.change_percent),
        ]),
        tile('Average rating', { path: 'ratings.avg', value: d.ratings.avg, kind: 'rating' }, [
            detail('ratings', { path: 'ratings.count', value: d.ratings.count, kind: 'integer' }),
        ]),
        tile('Active doctors', { path: 'active_doctors', value: d.active_doctors, kind: 'integer' }),
        tile('Active patients', { path: 'active_patients', value: d.active_patients, kind: 'integer' }),
        tile('In progress now', { path: 'in_progress_now', value: d.in_progress_now, kind: 'integer' })));
    return [
        ['consultations.total', d.consultations.total], ['consultations.completed', d.consultations.completed],
        ['consultations.completion_rate', d.consultations.completion_rate],
        ['consultations.change_percent', d.consultations.change_percent],
        ['revenue.net', d.revenue.net], ['revenue.change_percent', d.revenue.change_percent],
        ['ratings.avg', d.ratings.avg], ['ratings.count', d.ratings.count], ['active_doctors', d.active_doctors],
        ['active_patients', d.active_patients], ['in_progress_now', d.in_progress_now],
    ];
}

// --- Consultations -------------------------------------------------------------------------------

export function renderConsultations(body, envelope, ctx) {
    const d = envelope.data;
    const labels = formatBuckets(d.series.map((b) => b.bucket), { locale: ctx.locale, timeZone: ctx.tz });
    body.replaceChildren(
        stats(ctx, [
            { label: 'Total', path: 'total', value: d.total, kind: 'integer',
                change: { path: 'change_percent.total', value: d.change_percent.total } },
            { label: 'Completed', path: 'by_status.completed', value: d.by_status.completed, kind: 'integer',
                change: { path: 'change_percent.completed', value: d.change_percent.completed } },
            { label: 'Completion rate', path: 'completion_rate', value: d.completion_rate, kind: 'ratio' },
            { label: 'Average duration', path: 'avg_duration_minutes', value: d.avg_duration_minutes, kind: 'minutes' },
            { label: 'Median duration', path: 'median_duration_minutes', value: d.median_duration_minutes, kind: 'minutes' },
            { label: 'Average wait', path: 'avg_wait_minutes', value: d.avg_wait_minutes, kind: 'minutes' },
        ]),
        el('div', { class: 'charts' }, chartBox('Consultations over the period, total and completed'),
            chartBox('Consultations by status')),
        dataTable(ctx, {
            name: 'consultations-previous', caption: 'Previous period',
            columns: [{ label: 'Figure', kind: 'label' }, { label: 'Previous period', kind: 'integer' }],
            rows: [
                [{ kind: 'label', text: 'Total', value: 'total' }, { value: d.previous.total, kind: 'integer', path: 'previous.total' }],
                [{ kind: 'label', text: 'Completed', value: 'completed' }, { value: d.previous.completed, kind: 'integer', path: 'previous.completed' }],
                [{ kind: 'label', text: 'Completion rate', value: 'completion_rate' }, { value: d.previous.completion_rate, kind: 'ratio', path: 'previous.completion_rate' }],
            ],
        }),
        el('div', { class: 'tables' },
            countTable(ctx, 'consultations-by-status', 'By status', ['Status', 'Consultations'], d.by_status, 'by_status'),
            countTable(ctx, 'consultations-by-type', 'By type', ['Type', 'Consultations'], d.by_type, 'by_type')),
        dataTable(ctx, {
            name: 'consultations-by-specialty', caption: 'By specialty',
            columns: [{ label: 'Specialty', kind: 'text' }, { label: 'Total', kind: 'integer' }, { label: 'Completed', kind: 'integer' }],
            rows: d.by_specialty.map((s, i) => [
                { value: s.specialty, kind: 'text', path: `by_specialty[${i}].specialty` },
                { value: s.total, kind: 'integer', path: `by_specialty[${i}].total` },
                { value: s.completed, kind: 'integer', path: `by_specialty[${i}].completed` },
            ]),
        }),
        dataTable(ctx, {
            name: 'consultations-series', caption: 'Over the period', open: false,
            columns: [{ label: 'Period', kind: 'text' }, { label: 'Total', kind: 'integer' }, { label: 'Completed', kind: 'integer' }],
            rows: d.series.map((b, i) => [
                bucketCell(ctx, labels, d.series, i, 'series'),
                { value: b.total, kind: 'integer', path: `series[${i}].total` },
                { value: b.completed, kind: 'integer', path: `series[${i}].completed` },
            ]),
        }));
    draw('consultations', body, [
        lineConfig({ labels, locale: ctx.locale, format: ctx.fmt.integer, integer: true, series: [
            { label: 'Total', data: d.series.map((b) => b.total) },
            { label: 'Completed', data: d.series.map((b) => b.completed) },
        ] }),
        barConfig({ labels: Object.keys(d.by_status).map(label), locale: ctx.locale, format: ctx.fmt.integer,
            indexAxis: 'y', integer: true, categories: true, series: [{ label: 'Consultations', data: Object.values(d.by_status) }] }),
    ]);
}

// --- Doctors -------------------------------------------------------------------------------------

export function renderDoctors(body, envelope, ctx) {
    const d = envelope.data;
    const p = (i, key) => `doctors[${i}].${key}`;
    const nameCell = (doctor, i) => ({
        kind: 'text', value: doctor.full_name, path: p(i, 'full_name'),
    });
    body.replaceChildren(
        stats(ctx, [{ label: 'Active doctors', path: 'active_doctors', value: d.active_doctors, kind: 'integer',
            note: 'with a completed consultation' }]),
        dataTable(ctx, {
            name: 'doctors', caption: 'Doctor leaderboard',
            columns: [
                { label: '#', kind: 'label' }, { label: 'Doctor', kind: 'text' }, { label: 'ID', kind: 'text' },
                { label: 'Specialty', kind: 'text' }, { label: 'Consultations', kind: 'integer' },
                { label: 'Completed', kind: 'integer' }, { label: 'Completion rate', kind: 'ratio' },
                { label: 'Average rating', kind: 'rating' }, { label: 'Ratings', kind: 'integer' },
                { label: 'Bayesian rating', kind: 'rating' }, { label: 'Revenue (net)', kind: 'money' },
                { label: 'Average duration', kind: 'minutes' },
            ],
            rows: d.doctors.map((doctor, i) => [
                { kind: 'label', value: i + 1, text: String(i + 1) },
                nameCell(doctor, i),
                { value: doctor.doctor_id, kind: 'text', path: p(i, 'doctor_id') },
                { value: doctor.specialty, kind: 'text', path: p(i, 'specialty') },
                { value: doctor.consultations, kind: 'integer', path: p(i, 'consultations') },
                { value: doctor.completed, kind: 'integer', path: p(i, 'completed') },
                { value: doctor.completion_rate, kind: 'ratio', path: p(i, 'completion_rate') },
                { value: doctor.avg_rating, kind: 'rating', path: p(i, 'avg_rating') },
                { value: doctor.rating_count, kind: 'integer', path: p(i, 'rating_count') },
                { value: doctor.bayesian_rating, kind: 'rating', path: p(i, 'bayesian_rating') },
                { value: doctor.revenue, kind: 'money', path: p(i, 'revenue') },
                { value: doctor.avg_duration_minutes, kind: 'minutes', path: p(i, 'avg_duration_minutes') },
            ]),
        }));
}

// --- Revenue -------------------------------------------------------------------------------------

function grossNetTable(ctx, name, caption, keyLabel, keyField, list, prefix) {
    return dataTable(ctx, {
        name, caption,
        columns: [{ label: keyLabel, kind: 'text' }, { label: 'Gross', kind: 'money' }, { label: 'Net', kind: 'money' }],
        rows: list.map((row, i) => [
            { value: row[keyField], kind: 'text', path: `${prefix}[${i}].${keyField}`, text: label(row[keyField]) },
            { value: row.gross, kind: 'money', path: `${prefix}[${i}].gross` },
            { value: row.net, kind: 'money', path: `${prefix}[${i}].net` },
        ]),
    });
}

export function renderRevenue(body, envelope, ctx) {
    const d = envelope.data;
    const labels = formatBuckets(d.series.map((b) => b.bucket), { locale: ctx.locale, timeZone: ctx.tz });
    body.replaceChildren(
        stats(ctx, [
            { label: 'Gross', path: 'gross', value: d.gross, kind: 'money',
                change: { path: 'change_percent.gross', value: d.change_percent.gross } },
            { label: 'Refunds', path: 'refunds', value: d.refunds, kind: 'money' },
            { label: 'Net', path: 'net', value: d.net, kind: 'money',
                change: { path: 'change_percent.net', value: d.change_percent.net } },
            { label: 'Paid consultations', path: 'paid_consultations', value: d.paid_consultations, kind: 'integer' },
            { label: 'Average per consultation', path: 'avg_per_consultation', value: d.avg_per_consultation, kind: 'money' },
            { label: 'Previous gross', path: 'previous.gross', value: d.previous.gross, kind: 'money' },
            { label: 'Previous net', path: 'previous.net', value: d.previous.net, kind: 'money' },
        ]),
        el('div', { class: 'charts' }, chartBox('Revenue over the period: gross, refunds and net'),
            chartBox('Revenue by payment method')),
        el('div', { class: 'tables' },
            grossNetTable(ctx, 'revenue-by-method', 'By payment method', 'Method', 'method', d.by_method, 'by_method'),
            grossNetTable(ctx, 'revenue-by-type', 'By consultation type', 'Type', 'type', d.by_type, 'by_type')),
        grossNetTable(ctx, 'revenue-by-specialty', 'By specialty', 'Specialty', 'specialty', d.by_specialty, 'by_specialty'),
        dataTable(ctx, {
            name: 'revenue-top-doctors', caption: 'Top doctors by net revenue',
            columns: [{ label: 'Doctor', kind: 'text' }, { label: 'ID', kind: 'text' }, { label: 'Gross', kind: 'money' },
                { label: 'Net', kind: 'money' }],
            rows: d.top_doctors.map((doctor, i) => [
                { value: doctor.full_name, kind: 'text', path: `top_doctors[${i}].full_name` },
                { value: doctor.doctor_id, kind: 'text', path: `top_doctors[${i}].doctor_id` },
                { value: doctor.gross, kind: 'money', path: `top_doctors[${i}].gross` },
                { value: doctor.net, kind: 'money', path: `top_doctors[${i}].net` },
            ]),
        }),
        dataTable(ctx, {
            name: 'revenue-series', caption: 'Over the period', open: false,
            columns: [{ label: 'Period', kind: 'text' }, { label: 'Gross', kind: 'money' }, { label: 'Refunds', kind: 'money' },
                { label: 'Net', kind: 'money' }],
            rows: d.series.map((b, i) => [
                bucketCell(ctx, labels, d.series, i, 'series'),
                { value: b.gross, kind: 'money', path: `series[${i}].gross` },
                { value: b.refunds, kind: 'money', path: `series[${i}].refunds` },
                { value: b.net, kind: 'money', path: `series[${i}].net` },
            ]),
        }));
    draw('revenue', body, [
        barConfig({ labels, locale: ctx.locale, format: ctx.fmt.money, series: [
            { label: 'Gross', data: d.series.map((b) => b.gross) },
            { label: 'Refunds', data: d.series.map((b) => b.refunds) },
            { label: 'Net', data: d.series.map((b) => b.net) },
        ] }),
        barConfig({ labels: d.by_method.map((m) => label(m.method)), locale: ctx.locale, format: ctx.fmt.money,
            categories: true, series: [{ label: 'Gross', data: d.by_method.map((m) => m.gross) }, { label: 'Net', data: d.by_method.map((m) => m.net) }] }),
    ]);
}

// --- Health trends -------------------------------------------------------------------------------

export function renderHealthTrends(body, envelope, ctx) {
    const d = envelope.data;
    const hidden = (path) => ctx.suppressed.has(path);
    const groupLabels = (object, prefix) => Object.keys(object).map((key) => (hidden(`${prefix}.${key}`)
        ? `${label(key)} (suppressed)` : label(key)));
    const vitals = d.vitals.map((vital, v) => {
        const meta = VITALS[vital.code] ?? { name: vital.code, unit: '' };
        const labels = formatBuckets(vital.series.map((b) => b.bucket), { locale: ctx.locale, timeZone: ctx.tz });
        return { vital, v, meta, labels };
    });
    body.replaceChildren(
        el('p', { class: 'privacy-note' }, 'Counts of very few patients are hidden to protect privacy and shown as ',
            el('span', { class: 'suppressed' }, SUPPRESSED_TEXT), '.'),
        dataTable(ctx, {
            name: 'health-top-diagnoses', caption: 'Top diagnoses (ICD-10), completed consultations',
            columns: [{ label: 'Code', kind: 'text' }, { label: 'Count', kind: 'integer' },
                { label: 'Previous period', kind: 'integer' }, { label: 'Change', kind: 'change' }],
            rows: d.top_diagnoses.map((diagnosis, i) => [
                { value: diagnosis.code, kind: 'text', path: `top_diagnoses[${i}].code` },
                { value: diagnosis.count, kind: 'integer', path: `top_diagnoses[${i}].count` },
                { value: diagnosis.previous_count, kind: 'integer', path: `top_diagnoses[${i}].previous_count` },
                { value: diagnosis.change_percent, kind: 'change', path: `top_diagnoses[${i}].change_percent` },
            ]),
        }),
        el('div', { class: 'charts' }, chartBox('Patients by age group'), chartBox('Patients by sex')),
        el('div', { class: 'tables' },
            countTable(ctx, 'health-by-age-group', 'Patients by age group', ['Age group', 'Patients'], d.by_age_group,
                'by_age_group'),
            countTable(ctx, 'health-by-sex', 'Patients by sex', ['Sex', 'Patients'], d.by_sex, 'by_sex')),
        el('h3', { class: 'subhead' }, 'Vital signs'),
        el('div', { class: 'vitals' }, vitals.map(({ vital, v, meta, labels }) => el('section', { class: 'vital' },
            el('h4', {}, `${meta.name} `, el('span', { class: 'unit' }, `(${meta.unit}, LOINC ${vital.code})`)),
            el('p', { class: 'visually-hidden', dataset: { field: `vitals[${v}].code`, value: vital.code } }, vital.code),
            chartBox(`${meta.name}, average per period`),
            dataTable(ctx, {
                name: `health-vitals-${vital.code}`, caption: `${meta.name} readings`, open: false,
                columns: [{ label: 'Period', kind: 'text' }, { label: 'Readings', kind: 'integer' },
                    { label: `Average (${meta.unit})`, kind: 'average' }],
                rows: vital.series.map((b, i) => {
                    const readingsPath = `vitals[${v}].series[${i}].readings`;
                    return [
                        bucketCell(ctx, labels, vital.series, i, `vitals[${v}].series`),
                        { value: b.readings, kind: 'integer', path: readingsPath },
                        { value: b.avg, kind: 'average', path: `vitals[${v}].series[${i}].avg`, suppressed: hidden(readingsPath) },
                    ];
                }),
            })))));
    const charts = [
        barConfig({ labels: groupLabels(d.by_age_group, 'by_age_group'), locale: ctx.locale, format: ctx.fmt.integer,
            integer: true, categories: true, series: [{ label: 'Patients', data: Object.values(d.by_age_group) }] }),
        barConfig({ labels: groupLabels(d.by_sex, 'by_sex'), locale: ctx.locale, format: ctx.fmt.integer,
            integer: true, categories: true, series: [{ label: 'Patients', data: Object.values(d.by_sex) }] }),
        ...vitals.map(({ vital, labels, meta }) => lineConfig({ labels, locale: ctx.locale, format: ctx.fmt.average,
            fromZero: false,
            series: [{ label: `Average ${meta.unit}`, data: vital.series.map((b) => b.avg) }] })),
    ];
    draw('health', body, charts);
}

/** The renderer of each topic. */
export const RENDERERS = Object.freeze({
    overview: renderOverview,
    consultations: renderConsultations,
    doctors: renderDoctors,
    revenue: renderRevenue,
    health_trends: renderHealthTrends,
});
