/**
 * Formatting for the browser's locale: counts, money with its currency, ratios, changes, minutes,
 * bucket labels and "last updated" times. A missing value (null) is shown as an em dash, never 0.
 */

export const MISSING = '—';

/** Formatters for one locale (undefined: the browser's) and one currency. */
export function createFormatters({ locale, currency = 'EUR' } = {}) {
    const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    const money = new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'symbol' });
    const percent = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 2 });
    const change = new Intl.NumberFormat(locale, {
        style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero',
    });
    const minutes = new Intl.NumberFormat(locale, {
        style: 'unit', unit: 'minute', unitDisplay: 'short', maximumFractionDigits: 1,
    });
    const decimals = new Map();
    const decimal = (digits) => {
        if (!decimals.has(digits)) {
            decimals.set(digits, new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }));
        }
        return decimals.get(digits);
    };
    const orMissing = (format) => (value) => (value === null || value === undefined || !Number.isFinite(Number(value))
        ? MISSING : format(Number(value)));
    return Object.freeze({
        locale: integer.resolvedOptions().locale,
        currency,
        /** A count: 1,234. */
        integer: orMissing((v) => integer.format(v)),
        /** Money in the platform's currency: €1,234.50. */
        money: orMissing((v) => money.format(v)),
        /** A ratio 0..1 as a percentage: 0.7143 → 71.43%. */
        ratio: orMissing((v) => percent.format(v)),
        /** A change in percent (already × 100): 12.3 → +12.3%. */
        change: orMissing((v) => change.format(v / 100)),
        /** Minutes: 12.5 min. */
        minutes: orMissing((v) => minutes.format(v)),
        /** A rating average, 2 digits: 4.67. */
        rating: orMissing((v) => decimal(2).format(v)),
        /** A measurement average, 1 digit: 120.4. */
        average: orMissing((v) => decimal(1).format(v)),
        /** The currency's symbol as the locale writes it: €. */
        currencySymbol: money.formatToParts(0).find((part) => part.type === 'currency')?.value ?? currency,
    });
}

const HOUR = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

/** The unit of a bucket label: 'hour', 'day' (also a week's Monday) or 'month'; null for anything else. */
export function bucketUnit(label) {
    if (HOUR.test(label)) {
        return 'hour';
    }
    if (DAY.test(label)) {
        return 'day';
    }
    return MONTH.test(label) ? 'month' : null;
}

/**
 * Display labels of a series' buckets, in order. Hours are shown in the period's time zone; when two
 * hours read the same (the repeated hour of an autumn clock change), both show their offset.
 */
export function formatBuckets(labels, { locale, timeZone } = {}) {
    const hour = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone });
    const hourWithZone = new Intl.DateTimeFormat(locale, {
        hour: '2-digit', minute: '2-digit', timeZone, timeZoneName: 'shortOffset',
    });
    const day = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
    const month = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
    const plain = labels.map((label) => {
        switch (bucketUnit(label)) {
            case 'hour':
                return hour.format(new Date(label));
            case 'day': {
                const [, y, m, d] = DAY.exec(label);
                return day.format(Date.UTC(Number(y), Number(m) - 1, Number(d)));
            }
            case 'month': {
                const [, y, m] = MONTH.exec(label);
                return month.format(Date.UTC(Number(y), Number(m) - 1, 1));
            }
            default:
                return String(label);
        }
    });
    const seen = new Map();
    plain.forEach((text) => seen.set(text, (seen.get(text) ?? 0) + 1));
    return plain.map((text, i) => (seen.get(text) > 1 && bucketUnit(labels[i]) === 'hour'
        ? hourWithZone.format(new Date(labels[i])) : text));
}

/** "Last updated" as a relative time: 'never', 'now', '12 seconds ago', '3 minutes ago', … */
export function formatLastUpdated(date, now = Date.now(), locale = undefined) {
    if (!date) {
        return 'never';
    }
    const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    const seconds = Math.max(0, Math.round((now - date.getTime()) / 1000));
    if (seconds < 5) {
        return relative.format(0, 'second');
    }
    if (seconds < 60) {
        return relative.format(-seconds, 'second');
    }
    const minutes = Math.floor(seconds / 60);
    if (minutes < 60) {
        return relative.format(-minutes, 'minute');
    }
    const hours = Math.floor(minutes / 60);
    return hours < 24 ? relative.format(-hours, 'hour') : relative.format(-Math.floor(hours / 24), 'day');
}

/** A duration in seconds, short: '45 s', '4 min', '2 h'. */
export function formatSeconds(seconds, locale = undefined) {
    const unit = (value, name) => new Intl.NumberFormat(locale, {
        style: 'unit', unit: name, unitDisplay: 'narrow', maximumFractionDigits: 0,
    }).format(value);
    if (seconds < 60) {
        return unit(Math.max(0, Math.round(seconds)), 'second');
    }
    if (seconds < 3600) {
        return unit(Math.round(seconds / 60), 'minute');
    }
    return unit(Math.round(seconds / 3600), 'hour');
}
