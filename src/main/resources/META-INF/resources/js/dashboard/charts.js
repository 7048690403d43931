/**
 * Charts with Chart.js (the webjar's UMD build, window.Chart, loaded when the first chart is asked
 * for). Every chart has the same figures in a table next to it, so a missing Chart.js costs
 * pictures, not data.
 * Missing and suppressed values are gaps, never zeros.
 */

/** Colours with at least 4.5:1 contrast on white, told apart by people with the common colour deficiencies. */
export const PALETTE = Object.freeze(['#1f5fbf', '#b45309', '#15803d', '#7e22ce', '#b91c1c']);

/** Chart.js's UMD build from its webjar (the web dependency locator adds the version). */
const LIBRARY = '/webjars/chart.js/dist/chart.umd.js';

const charts = new Map();
/** Charts asked for before Chart.js arrived: drawn when it does. */
const waiting = new Map();
let loading = null;

/**
 * Loads Chart.js once, off the page's critical path: the first figures are painted before 200 KB of
 * script is parsed. Resolves when it is there (or failed: the tables carry the same figures).
 */
export function loadChartLibrary(document = globalThis.document) {
    if (!loading) {
        loading = new Promise((resolve) => {
            if (globalThis.Chart || !document) {
                resolve();
                return;
            }
            const script = document.createElement('script');
            script.src = LIBRARY;
            script.async = true;
            script.addEventListener('load', resolve);
            script.addEventListener('error', resolve);
            document.head.append(script);
        }).then(() => {
            const queued = [...waiting];
            waiting.clear();
            queued.forEach(([key, { canvas, config }]) => canvas.isConnected && drawChart(key, canvas, config));
        });
    }
    return loading;
}

/** Draws a chart on a canvas under a key, replacing the chart the key had. */
export function drawChart(key, canvas, config) {
    charts.get(key)?.destroy();
    charts.delete(key);
    waiting.delete(key);
    if (!canvas) {
        return null;
    }
    const Chart = globalThis.Chart;
    if (!Chart) {
        waiting.set(key, { canvas, config });
        loadChartLibrary();
        return null;
    }
    const chart = new Chart(canvas, config);
    charts.set(key, chart);
    return chart;
}

/** Destroys the charts whose keys start with a prefix (a panel that is drawn anew). */
export function destroyCharts(prefix) {
    [...waiting.keys()].filter((key) => key.startsWith(prefix)).forEach((key) => waiting.delete(key));
    for (const [key, chart] of charts) {
        if (key.startsWith(prefix)) {
            chart.destroy();
            charts.delete(key);
        }
    }
}

function baseOptions({ format, locale, stacked = false, indexAxis = 'x', integer = false, fromZero = true, categories = false }) {
    const valueAxis = indexAxis === 'x' ? 'y' : 'x';
    return {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        locale,
        indexAxis,
        interaction: { mode: 'index', intersect: false },
        plugins: {
            legend: { position: 'bottom', labels: { boxWidth: 12, color: '#1a1a1a' } },
            tooltip: {
                callbacks: {
                    label: (item) => `${item.dataset.label}: ${item.raw === null ? 'no value' : format(item.raw)}`,
                },
            },
        },
        scales: {
            [valueAxis]: {
                beginAtZero: fromZero,
                stacked,
                ticks: { color: '#404040', precision: integer ? 0 : undefined, callback: (value) => format(value) },
                grid: { color: '#e5e5e5' },
            },
            // A handful of categories are all labelled; a long series skips labels that would overlap.
            [indexAxis]: { stacked, ticks: { color: '#404040', autoSkip: !categories, maxRotation: 0 }, grid: { display: false } },
        },
    };
}

/** One dataset per series ({label, data}), coloured in palette order, with the type's own style. */
function config(type, labels, series, style, options) {
    return {
        type,
        data: {
            labels,
            datasets: series.map((s, i) => ({
                label: s.label,
                data: s.data,
                backgroundColor: PALETTE[i % PALETTE.length],
                ...style(PALETTE[i % PALETTE.length]),
            })),
        },
        options,
    };
}

/**
 * A line chart: labels on x, one line per series ({label, data}); nulls are gaps. integer: the
 * values are counts; fromZero: false for measurements that never come near 0.
 */
export function lineConfig({ labels, series, format, locale, integer = false, fromZero = true }) {
    const line = (colour) => ({
        borderColor: colour, borderWidth: 2, pointRadius: labels.length > 40 ? 0 : 2, spanGaps: false, tension: 0,
    });
    return config('line', labels, series, line, baseOptions({ format, locale, integer, fromZero }));
}

/** A bar chart, horizontal with indexAxis 'y'; categories: a few named groups (every label shown). */
export function barConfig({ labels, series, format, locale, indexAxis = 'x', integer = false, categories = false }) {
    return config('bar', labels, series, () => ({ borderWidth: 0 }), baseOptions({ format, locale, indexAxis, integer, categories }));
}
