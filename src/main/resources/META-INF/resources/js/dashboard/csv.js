/**
 * CSV export of the dashboard's tables (RFC 4180: comma separated, CRLF line ends, fields with a
 * comma, quote or line break quoted, quotes doubled). Values are written raw (numbers as the API
 * sends them, not as the locale shows them); a suppressed cell is the word 'suppressed'. Text that
 * a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return) gets a
 * leading apostrophe.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export function csvCell(value) {
    if (value === null || value === undefined) {
        return '';
    }
    if (typeof value === 'number') {
        return Number.isFinite(value) ? String(value) : '';
    }
    if (typeof value === 'boolean') {
        return value ? 'true' : 'false';
    }
    let text = String(value);
    if (FORMULA_START.test(text)) {
        text = `'${text}`;
    }
    return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV document: a header line, then one line per row (each row an array of values). */
export function toCsv(headers, rows) {
    return [headers, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** A file name such as careboard-revenue-by-method-week-Europe_Berlin-2026-11-26.csv. */
export function csvFileName(table, period, timeZone, date = new Date()) {
    const safe = (text) => String(text).replace(/[^A-Za-z0-9._-]+/g, '_');
    const day = date.toISOString().slice(0, 10);
    return `careboard-${safe(table)}-${safe(period)}-${safe(timeZone)}-${day}.csv`;
}

/** Offers a CSV document for download (UTF-8 with a byte-order mark, which spreadsheets need). */
export function downloadCsv(fileName, csv, document = globalThis.document) {
    const blob = new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
}
